package io.wayfarer.recommend.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance on the newest model and the job queue moving, without any instance being special:
 * at start-up the newest persisted model is loaded; then every {@code poll-interval} each instance fails stale
 * RUNNING jobs, loads a newer persisted model if another instance trained one, and tries to claim a QUEUED job
 * (the guarded UPDATE lets one win). The scheduled retrain fires on {@code retrain-cron} on every instance;
 * the database lets one job through.
 */
@Component
class ModelRefresh implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelRefresh.class);

    private final ModelStore store;
    private final ServedModel served;
    private final TrainingJobs jobs;
    private final ModelTraining training;
    private final TrainingProperties properties;

    ModelRefresh(ModelStore store, ServedModel served, TrainingJobs jobs, ModelTraining training,
            TrainingProperties properties) {
        this.store = store;
        this.served = served;
        this.jobs = jobs;
        this.training = training;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        loadNewer();
        served.current().ifPresentOrElse(
                model -> log.info("Serving persisted model version {} ({})", model.version(), model.trainer()),
                () -> log.info("No persisted model yet: recommendations come from popularity until one is trained"));
    }

    @Scheduled(fixedDelayString = "${wayfarer.recommend.training.poll-interval:10s}",
            initialDelayString = "${wayfarer.recommend.training.poll-interval:10s}")
    void poll() {
        try {
            int stale = jobs.failStale(properties.staleAfter());
            if (stale > 0) {
                log.warn("Marked {} stale training job(s) FAILED", stale);
            }
            loadNewer();
            jobs.oldestQueued().ifPresent(training::start);
        } catch (RuntimeException e) {
            log.warn("Model refresh failed, will retry: {}", e.getMessage());
        }
    }

    @Scheduled(cron = "${wayfarer.recommend.training.retrain-cron:-}")
    void retrain() {
        training.requestScheduled(properties.scheduleGap()).ifPresent(job ->
                log.info("Scheduled retrain queued as job {} ({})", job.id(), job.trainer()));
    }

    /** Loads the newest persisted model if it is newer than the one served. */
    void loadNewer() {
        if (store.latestVersion() > served.version()) {
            store.newestAfter(served.version()).ifPresent(served::swapIfNewer);
        }
    }
}
