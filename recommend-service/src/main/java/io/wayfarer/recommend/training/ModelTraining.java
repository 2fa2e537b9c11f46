package io.wayfarer.recommend.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.preference.PreferenceScores;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs training jobs off the request threads, on a dedicated fork-join pool as wide as the machine (a trainer's
 * parallel streams started inside it use all its cores). A job runs on the instance that claims its row; the new
 * model is persisted first and then swapped in, so a trainer that throws, or a crash, leaves the previous model
 * serving here and everywhere.
 */
@Component
public class ModelTraining implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelTraining.class);
    private static final long PROGRESS_EVERY_MILLIS = 250;

    private final TrainingJobs jobs;
    private final TrainerChoice trainers;
    private final PreferenceScores matrix;
    private final ModelStore store;
    private final ServedModel served;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String instance = instanceName();
    private final ForkJoinPool pool;

    ModelTraining(TrainingJobs jobs, TrainerChoice trainers, PreferenceScores matrix, ModelStore store,
            ServedModel served, TransactionTemplate transactions, Clock clock, MeterRegistry registry) {
        this.jobs = jobs;
        this.trainers = trainers;
        this.matrix = matrix;
        this.store = store;
        this.served = served;
        this.transactions = transactions;
        this.clock = clock;
        this.registry = registry;
        this.pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("model-training-" + thread.getPoolIndex());
            return thread;
        }, null, false);
    }

    /**
     * Queues a job and starts it here. 422 for an unknown trainer, 409 {@code training-in-progress} when a job is
     * already queued or running on any instance (its address in {@code job}).
     */
    public TrainingJob request(Optional<String> trainerName, UUID requestedBy) {
        Trainer trainer = trainerName.map(name -> trainers.byName(name).orElseThrow(() -> ProblemException.validation(
                        "trainer", "is not a known trainer configuration, e.g. one of " + trainers.examples())))
                .orElseGet(trainers::defaultTrainer);
        TrainingJob job = jobs.queue(trainer.name(), "api", requestedBy).orElseThrow(this::inProgress);
        start(job.id());
        return job;
    }

    /** The scheduled retrain: queued unless a job is active or another instance just scheduled one. */
    Optional<TrainingJob> requestScheduled(Duration gap) {
        Optional<TrainingJob> job = jobs.queueScheduled(trainers.defaultTrainer().name(), gap);
        job.ifPresent(queued -> start(queued.id()));
        return job;
    }

    void start(UUID jobId) {
        pool.execute(() -> run(jobId));
    }

    private void run(UUID jobId) {
        if (!jobs.claim(jobId, instance)) {
            return;
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            TrainingJob job = jobs.find(jobId).orElseThrow();
            Trainer trainer = trainers.byName(job.trainer())
                    .orElseThrow(() -> new IllegalStateException("This instance has no trainer " + job.trainer()));
            TrainingData data = matrix.load();
            jobs.counts(jobId, counts(data));
            TrainedModel model = trainer.train(data, new Progress(jobId));
            byte[] bytes = ModelStore.bytesOf(model);
            Long version = transactions.execute(status -> {
                long saved = store.save(jobId, trainer.name(), bytes, clock.instant());
                if (!jobs.succeeded(jobId, instance, saved, bytes.length)) {
                    throw new JobLost();
                }
                return saved;
            });
            served.swapIfNewer(new ServedModel.Serving(version, trainer.name(), model, clock.instant()));
            outcome = "succeeded";
            log.info("Training job {} ({}) succeeded: model version {}, {} bytes", jobId, trainer.name(), version,
                    bytes.length);
        } catch (JobLost e) {
            log.warn("Training job {} was taken from this instance (stale); its result is discarded", jobId);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            log.error("Training job {} failed; the previous model keeps serving", jobId, e);
            jobs.failed(jobId, instance, describe(e));
        } finally {
            sample.stop(registry.timer("recommend.training", "outcome", outcome));
        }
    }

    private static TrainingJob.Counts counts(TrainingData data) {
        int users = (int) Stream.concat(data.preferences().stream(), data.ratings().stream()).map(Preference::user)
                .distinct().count();
        int trips = (int) Stream.concat(data.preferences().stream(), data.ratings().stream()).map(Preference::item)
                .distinct().count();
        return new TrainingJob.Counts(users, trips, data.preferences().size(), data.ratings().size());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private ProblemException inProgress() {
        ProblemException conflict = ProblemException.custom("training-in-progress", "Training in progress",
                HttpStatus.CONFLICT, "A model is already being trained; poll that job instead of starting another.");
        jobs.active().ifPresent(active -> conflict.getBody().setProperty("job",
                TrainingController.PATH + "/" + active.id()));
        return conflict;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Writes progress (and a heartbeat) at most every 250 ms; stops the trainer if the job was taken away. */
    private final class Progress implements Trainer.ProgressListener {

        private final UUID jobId;
        private volatile long lastWrite;

        Progress(UUID jobId) {
            this.jobId = jobId;
        }

        @Override
        public void progress(double fraction) {
            long now = System.currentTimeMillis();
            if (now - lastWrite < PROGRESS_EVERY_MILLIS && fraction < 1) {
                return;
            }
            lastWrite = now;
            if (!jobs.progress(jobId, instance, fraction)) {
                throw new JobLost();
            }
        }
    }

    /** The job is no longer this instance's RUNNING job (a sweeper marked it stale). */
    private static final class JobLost extends RuntimeException {
        JobLost() {
            super("training job no longer claimed by this instance", null, false, false);
        }
    }
}
