package io.wayfarer.recommend.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model lifecycle's settings.
 *
 * @param defaultTrainer  the trainer used when a request names none (and by the scheduled retrain); empty means
 *                        the algorithms' own default
 * @param retainedModels  how many persisted models are kept (the newest serves; older ones are a fallback)
 * @param staleAfter      a RUNNING job whose instance has not reported progress for this long is marked FAILED
 * @param scheduleGap     a scheduled retrain is skipped when another one was requested this recently (several
 *                        instances share the same cron)
 */
@ConfigurationProperties("wayfarer.recommend.training")
public record TrainingProperties(@DefaultValue("") String defaultTrainer, @DefaultValue("3") int retainedModels,
        @DefaultValue("10m") Duration staleAfter, @DefaultValue("5m") Duration scheduleGap) {
}
