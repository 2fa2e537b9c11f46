package io.wayfarer.gateway.policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.policy.CompiledPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps {@link PolicyHolder} current (docs/rbac.md, "Distribution protocol"):
 * <ul>
 *   <li>at start, and every {@code poll-interval} (at most 1 s) until a policy is held, fetch the snapshot;</li>
 *   <li>on {@code rbac.policy.changed} newer than the held version ({@link PolicyEvents}), fetch at once;</li>
 *   <li>every {@code poll-interval}, ask the bare version and fetch if it is newer (the fallback for a lost
 *       event or a Kafka outage).</li>
 * </ul>
 * One fetch at a time; a request for a fetch while one runs makes it run once more afterwards, so the
 * newest version is always picked up. Compilation runs on a worker thread, never on an event loop that
 * serves requests; the compiled policy is swapped in with one reference write. A failed fetch keeps the
 * old policy and is retried on the next tick.
 */
@Component
class PolicyRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyRefresher.class);
    private static final Duration STARTUP_RETRY = Duration.ofSeconds(1);

    private final PolicySource source;
    private final PolicyHolder holder;
    private final Duration pollInterval;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicBoolean fetchAgain = new AtomicBoolean();
    private volatile boolean failing;
    private volatile Disposable polling;
    private volatile long lastPoll = System.nanoTime();

    PolicyRefresher(PolicySource source, PolicyHolder holder, PolicyProperties properties, MeterRegistry meters) {
        this.source = source;
        this.holder = holder;
        this.pollInterval = properties.pollInterval();
        Gauge.builder("wayfarer.gateway.policy.version", holder, PolicyHolder::version)
                .description("Version of the RBAC policy this gateway enforces (-1: none yet, requests refused)")
                .register(meters);
    }

    /** An event said the policy is now at {@code version}. */
    void announced(long version) {
        if (version > holder.version()) {
            refresh().subscribe();
        }
    }

    /** Fetches, compiles and installs the newest snapshot; completes when done (never fails). */
    Mono<Void> refresh() {
        return Mono.defer(() -> {
            if (!fetching.compareAndSet(false, true)) {
                fetchAgain.set(true);
                return Mono.empty();
            }
            return fetchAndInstall().doFinally(signal -> {
                fetching.set(false);
                if (fetchAgain.getAndSet(false)) {
                    refresh().subscribe();
                }
            });
        });
    }

    private Mono<Void> fetchAndInstall() {
        long held = holder.version();
        return source.snapshotUnlessVersion(held)
                .publishOn(Schedulers.boundedElastic())
                .map(CompiledPolicy::compile)
                .doOnNext(policy -> {
                    if (holder.install(policy)) {
                        log.info("RBAC policy version {} in force ({} resources; was {})", policy.version(),
                                policy.resourceCount(), held < 0 ? "none" : held);
                    }
                })
                .doOnSuccess(ignored -> recovered())
                .onErrorResume(e -> failed("fetch the RBAC policy", e))
                .then();
    }

    private Mono<Void> tick() {
        if (holder.current() == null) {
            return refresh();
        }
        long now = System.nanoTime();
        if (now - lastPoll < pollInterval.toNanos()) {
            return Mono.empty();
        }
        lastPoll = now;
        return source.version()
                .flatMap(version -> version > holder.version() ? refresh() : Mono.empty())
                .doOnSuccess(ignored -> recovered())
                .onErrorResume(e -> failed("poll the RBAC policy version", e))
                .then();
    }

    private <T> Mono<T> failed(String what, Throwable e) {
        if (!failing) {
            failing = true;
            log.warn("Could not {} (keeping version {}; retrying every {}): {}", what, holder.version(), pollInterval,
                    e.toString());
        } else {
            log.debug("Could not {}: {}", what, e.toString());
        }
        return Mono.empty();
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("RBAC policy source reachable again (version {})", holder.version());
        }
    }

    @Override
    public void start() {
        // until the first policy is held, retry at least every second whatever the poll interval
        Duration period = pollInterval.compareTo(STARTUP_RETRY) < 0 ? pollInterval : STARTUP_RETRY;
        polling = Flux.interval(Duration.ZERO, period)
                .onBackpressureDrop()
                .concatMap(ignored -> tick(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
