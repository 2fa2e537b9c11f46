package io.wayfarer.gateway.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public keys auth-service publishes at {@code /.well-known/jwks.json}, held in memory: fetched
 * at start, again in the background, and on demand when a token names a key we do not know (at most
 * once per {@link IdentityProperties#unknownKeyRefetchInterval()}). Only this set is ever used to
 * verify: a token's {@code jku}, {@code jwk}, {@code x5u} or {@code x5c} header is never followed.
 * Fetching is reactive and never runs on a request's critical path except to learn a new key.
 */
@Component
public class PublishedKeys implements JWKSource<SecurityContext>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishedKeys.class);
    private static final int MAX_JWKS_BYTES = 64 * 1024;
    /** The shortest gap between fetches asked for by tokens while no key is known yet. */
    static final Duration STARTING_REFETCH_GAP = Duration.ofMillis(250);

    private final IdentityProperties properties;
    private final WebClient client;
    private final URI fetchUri;
    private final Clock clock;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    private final AtomicLong lastFetchStarted = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile JWKSet keys = new JWKSet();
    private volatile Set<String> keyIds = Set.of();
    private volatile long lastSuccess = Long.MIN_VALUE / 2;
    private volatile Mono<Void> inFlight;
    private volatile Disposable background;

    PublishedKeys(IdentityProperties properties, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
        URI uri = properties.jwksUri();
        WebClient.Builder builder = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_JWKS_BYTES));
        if ("lb".equals(uri.getScheme())) {
            builder.filter(loadBalancer.getObject());
            uri = URI.create("http" + uri.toString().substring("lb".length()));
        }
        this.fetchUri = uri;
        this.client = builder.build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys);
    }

    /** Whether the current set holds a key with this id. */
    public boolean knows(String keyId) {
        return keyIds.contains(keyId);
    }

    /** Called (on any thread) after the key set changed: cached verifications may be stale. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * A token named a key we do not have: fetch the set again, unless that was done less than
     * {@code unknownKeyRefetchInterval} ago. Completes when the fetch is done (or at once).
     */
    public Mono<Void> refetchForUnknownKey() {
        Mono<Void> running = inFlight;
        if (running != null) {
            return running;
        }
        // the gap protects auth-service from tokens with made-up key ids; while we hold no key at all (auth-service
        // came up after this gateway, and the last fetch failed) the first real token must not wait for the next tick
        return startFetch(keyIds.isEmpty() ? STARTING_REFETCH_GAP : properties.unknownKeyRefetchInterval());
    }

    /** Fetches now unless a fetch started within {@code minimumGap}; never fails. */
    Mono<Void> startFetch(Duration minimumGap) {
        long now = clock.millis();
        long previous = lastFetchStarted.get();
        if (now - previous < minimumGap.toMillis() || !lastFetchStarted.compareAndSet(previous, now)) {
            Mono<Void> running = inFlight;
            return running != null ? running : Mono.empty();
        }
        Mono<Void> fetch = fetch().doFinally(signal -> inFlight = null).cache();
        inFlight = fetch;
        return fetch;
    }

    private Mono<Void> fetch() {
        return client.get().uri(fetchUri).accept(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/jwk-set+json"))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(properties.jwksFetchTimeout())
                // a dead instance still registered: the load balancer picks the next one
                .retry(2)
                .map(PublishedKeys::parse)
                .doOnNext(this::install)
                .doOnError(e -> log.warn("Could not fetch the signing keys from {}: {}", properties.jwksUri(), e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    static JWKSet parse(String json) {
        try {
            List<JWK> usable = JWKSet.parse(json).toPublicJWKSet().getKeys().stream()
                    .filter(key -> KeyType.RSA.equals(key.getKeyType()))
                    .filter(key -> key.getKeyID() != null)
                    .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                    .filter(key -> key.getAlgorithm() == null || JWSAlgorithm.RS256.equals(key.getAlgorithm()))
                    .toList();
            return new JWKSet(usable);
        } catch (ParseException e) {
            throw new IllegalStateException("the key set is not a JWK set: " + e.getMessage(), e);
        }
    }

    private void install(JWKSet fetched) {
        lastSuccess = clock.millis();
        Set<String> fingerprint = fingerprint(fetched);
        if (fingerprint.equals(fingerprint(keys))) {
            return;
        }
        keys = fetched;
        keyIds = fetched.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toUnmodifiableSet());
        log.info("Signing keys now {}", keyIds);
        changeListeners.forEach(Runnable::run);
    }

    private static Set<String> fingerprint(JWKSet set) {
        return set.getKeys().stream().map(key -> key.getKeyID() + "=" + key.toJSONString()).collect(Collectors.toSet());
    }

    /** Due when the set is empty (auth-service was not up yet) or older than the refresh interval. */
    private boolean refreshDue() {
        return keyIds.isEmpty() || clock.millis() - lastSuccess >= properties.jwksRefreshInterval().toMillis();
    }

    @Override
    public void start() {
        Duration tick = properties.unknownKeyRefetchInterval();
        background = Flux.interval(Duration.ZERO, tick)
                // a fetch slower than the tick (a loaded machine) skips ticks instead of killing the refresh
                // with an OverflowException
                .onBackpressureDrop()
                .filter(ignored -> refreshDue())
                .concatMap(ignored -> startFetch(tick.dividedBy(2)))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = background;
        if (running != null) {
            running.dispose();
        }
        background = null;
    }

    @Override
    public boolean isRunning() {
        return background != null;
    }
}
