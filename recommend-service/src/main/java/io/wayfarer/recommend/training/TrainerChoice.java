package io.wayfarer.recommend.training;

import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.Trainers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The trainers this service may run, by name: any configuration the algorithms' registry understands
 * ({@link Trainers#byName}, e.g. {@code item-cf/cosine/k=50}), plus {@link Trainer} beans registered in the
 * context (none in production; tests add some). The default is {@code wayfarer.recommend.training.default-trainer},
 * else {@link Trainers#DEFAULT}, the winner of the offline evaluation.
 */
@Component
public class TrainerChoice {

    private final Map<String, Trainer> beans = new LinkedHashMap<>();
    private final String defaultName;

    TrainerChoice(List<Trainer> trainers, TrainingProperties properties) {
        trainers.forEach(trainer -> beans.putIfAbsent(trainer.name(), trainer));
        String configured = properties.defaultTrainer();
        defaultName = configured == null || configured.isBlank() ? Trainers.DEFAULT : configured.trim();
        if (byName(defaultName).isEmpty()) {
            throw new IllegalStateException("wayfarer.recommend.training.default-trainer names no trainer: "
                    + defaultName);
        }
    }

    public Optional<Trainer> byName(String name) {
        Trainer bean = beans.get(name);
        if (bean != null) {
            return Optional.of(bean);
        }
        try {
            return Optional.of(Trainers.byName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Trainer defaultTrainer() {
        return byName(defaultName).orElseThrow();
    }

    /** Names to show in a 422: the evaluated configurations and any extra beans. */
    public List<String> examples() {
        return java.util.stream.Stream.concat(Trainers.evaluated().stream(), beans.keySet().stream()).distinct().toList();
    }
}
