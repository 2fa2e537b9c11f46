package io.wayfarer.recommend.testing;

import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.Trainers;
import io.wayfarer.recommend.model.TrainingData;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Trainers only tests register: one that always fails, one that waits at a gate before training popularity. */
public final class TestTrainers {

    public static final String FAILING = "test/failing";
    public static final String GATED = "test/gated";

    private static final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private static final AtomicReference<CountDownLatch> entered = new AtomicReference<>(new CountDownLatch(0));
    private static final AtomicReference<String> lastThread = new AtomicReference<>();
    private static final AtomicReference<Integer> lastParallelism = new AtomicReference<>();

    private TestTrainers() {
    }

    /** Closes the gate: the next gated training waits until {@link #open()}. */
    public static void close() {
        gate.set(new CountDownLatch(1));
        entered.set(new CountDownLatch(1));
    }

    public static void open() {
        gate.get().countDown();
    }

    /** Waits until a gated training is inside the trainer (so the job is RUNNING). */
    public static boolean awaitEntered() throws InterruptedException {
        return entered.get().await(30, TimeUnit.SECONDS);
    }

    /** The thread the last gated training ran on, and the parallelism of its fork-join pool (null: none). */
    public static String lastThread() {
        return lastThread.get();
    }

    public static Integer lastParallelism() {
        return lastParallelism.get();
    }

    public static Trainer failing() {
        return new Trainer() {
            @Override
            public String name() {
                return FAILING;
            }

            @Override
            public TrainedModel train(TrainingData data, ProgressListener progress) {
                progress.progress(0.5);
                throw new IllegalStateException("the test trainer always fails");
            }
        };
    }

    public static Trainer gated() {
        return new Trainer() {
            @Override
            public String name() {
                return GATED;
            }

            @Override
            public TrainedModel train(TrainingData data, ProgressListener progress) {
                lastThread.set(Thread.currentThread().getName());
                java.util.concurrent.ForkJoinPool pool = java.util.concurrent.ForkJoinTask.getPool();
                lastParallelism.set(pool == null ? null : pool.getParallelism());
                entered.get().countDown();
                try {
                    if (!gate.get().await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the gate was never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return Trainers.byName(Trainers.POPULARITY).train(data, progress);
            }
        };
    }
}
