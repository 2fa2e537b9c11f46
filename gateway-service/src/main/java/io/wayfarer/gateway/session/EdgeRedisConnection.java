package io.wayfarer.gateway.session;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.Transports;
import io.lettuce.core.tracing.Tracing;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.SucceededFuture;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.stereotype.Component;
import reactor.netty.resources.LoopResources;

/**
 * The edge's own Lettuce connections for its one script per request, to the Redis that Spring's
 * {@link LettuceConnectionFactory} is configured for (host, port, database, credentials, TLS, command
 * and connect timeouts, "reject commands while disconnected"), on client resources of its own:
 *
 * <ul>
 *   <li>no per-command tracing span and no command-latency recorder on the hottest call of the gateway
 *       (the request's own span and metrics cover it);</li>
 *   <li>no event loops of its own: one connection per event loop of the HTTP server (Reactor Netty's),
 *       registered on that loop. A request asks Redis on the connection of the loop it runs on, and the
 *       reply is read on that same loop, so the rest of the request goes on where it started: no hand-over
 *       to a Redis I/O thread and back (on two cores, each hand-over costs a wake-up and shows in the
 *       p99). Calls from other threads use the first loop's connection. When Lettuce and Reactor Netty do
 *       not use the same transport (e.g. epoll vs NIO), Lettuce gets event loops of its own instead;</li>
 *   <li>on a loop's connection, the commands of one loop iteration are written together ({@code Pinned#sent}).</li>
 * </ul>
 * Lettuce reconnects a connection by itself once it was up. While one cannot be made, callers get the
 * failure at once, and a new attempt is made at most once per {@link #RETRY_INTERVAL}.
 */
@Component
class EdgeRedisConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EdgeRedisConnection.class);

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    /** The HTTP server's event loops the connections are pinned to; empty when Lettuce has loops of its own. */
    private final List<EventExecutor> loops;
    private final List<Pinned> connections;
    /** The longest a connection attempt may take: connect timeout + handshake (command timeout) + 1 s. */
    private final Duration connectBound;

    /** The connection of one loop (or the only one). */
    private static final class Pinned {
        final EventExecutor loop;
        final AtomicReference<CompletableFuture<RedisAsyncCommands<byte[], byte[]>>> commands = new AtomicReference<>();
        final AtomicBoolean flushScheduled = new AtomicBoolean();
        volatile long failedAtNanos;

        Pinned(EventExecutor loop) {
            this.loop = loop;
        }

        /**
         * On a loop's own connection commands are not written one by one: the first command of a loop
         * iteration schedules one flush on the loop, which runs after the iteration's I/O, so the commands
         * of every request read in that iteration go out in one write (and Redis answers them in one).
         */
        <T> CompletableFuture<T> sent(RedisAsyncCommands<byte[], byte[]> commands, RedisFuture<T> command) {
            if (loop != null && flushScheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(() -> {
                        flushScheduled.set(false);
                        commands.flushCommands();
                    });
                } catch (RejectedExecutionException e) {
                    // the loop is shutting down: flush here rather than leave the command unsent
                    flushScheduled.set(false);
                    commands.flushCommands();
                }
            }
            return command.toCompletableFuture();
        }
    }

    EdgeRedisConnection(LettuceConnectionFactory factory, ObjectProvider<ReactorResourceFactory> netty) {
        if (factory.isRedisSentinelAware() || factory.isClusterAware()) {
            throw new IllegalStateException("the edge's Redis connection supports a standalone Redis only");
        }
        LettuceClientConfiguration configuration = factory.getClientConfiguration();
        this.uri = uri(factory.getStandaloneConfiguration(), configuration);
        ClientOptions options = configuration.getClientOptions().orElseGet(ClientOptions::create);
        this.connectBound = options.getSocketOptions().getConnectTimeout().plus(configuration.getCommandTimeout())
                .plusSeconds(1);
        EventLoopGroup serverLoops = sharedLoops(netty.getIfAvailable());
        DefaultClientResources.Builder builder = DefaultClientResources.builder()
                .tracing(Tracing.disabled())
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .computationThreadPoolSize(2);
        List<EventExecutor> pinnedTo = new ArrayList<>();
        if (serverLoops != null) {
            serverLoops.forEach(pinnedTo::add);
            builder.eventLoopGroupProvider(new BorrowedLoops(LoopResources.colocate(serverLoops), pinnedTo.size()));
        } else {
            builder.ioThreadPoolSize(2);
        }
        this.loops = List.copyOf(pinnedTo);
        this.resources = builder.build();
        this.client = RedisClient.create(resources);
        client.setOptions(options.mutate()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(configuration.getCommandTimeout()))
                .build());
        List<Pinned> pinned = new ArrayList<>();
        if (loops.isEmpty()) {
            pinned.add(new Pinned(null));
        } else {
            loops.forEach(loop -> pinned.add(new Pinned(loop)));
        }
        this.connections = List.copyOf(pinned);
        connections.forEach(connection -> connect(connection, null));
    }

    /**
     * Sends {@code command} on the connection of the calling thread's event loop; a failed stage at once
     * while Redis cannot be reached.
     */
    <T> CompletableFuture<T> send(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        Pinned connection = connections.get(0);
        for (int i = 1; i < connections.size(); i++) {
            if (connections.get(i).loop.inEventLoop()) {
                connection = connections.get(i);
                break;
            }
        }
        CompletableFuture<RedisAsyncCommands<byte[], byte[]>> current = connection.commands.get();
        if (current.isCompletedExceptionally()
                && System.nanoTime() - connection.failedAtNanos >= RETRY_INTERVAL.toNanos()) {
            current = connect(connection, current);
        }
        Pinned on = connection;
        if (current.isDone() && !current.isCompletedExceptionally()) {
            RedisAsyncCommands<byte[], byte[]> commands = current.join();
            return on.sent(commands, command.apply(commands));
        }
        return current.thenCompose(commands -> on.sent(commands, command.apply(commands)));
    }

    /** How many connections are kept (one per HTTP event loop, or one). */
    int connectionCount() {
        return connections.size();
    }

    private CompletableFuture<RedisAsyncCommands<byte[], byte[]>> connect(Pinned connection,
            CompletableFuture<RedisAsyncCommands<byte[], byte[]>> failed) {
        CompletableFuture<RedisAsyncCommands<byte[], byte[]>> next = new CompletableFuture<>();
        if (!connection.commands.compareAndSet(failed, next)) {
            return connection.commands.get();
        }
        // whatever happens to the attempt, the callers waiting for it are answered within this bound
        next.orTimeout(connectBound.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ready, error) -> {
                    if (error != null) {
                        connection.failedAtNanos = System.nanoTime();
                    }
                });
        Runnable attempt = () -> {
            try {
                client.connectAsync(ByteArrayCodec.INSTANCE, uri).whenComplete((connected, error) -> {
                    if (error != null) {
                        next.completeExceptionally(error);
                        return;
                    }
                    if (connection.loop != null) {
                        connected.setAutoFlushCommands(false);
                    }
                    if (!next.complete(connected.async())) {
                        connected.closeAsync(); // too late: the attempt was given up
                    }
                });
            } catch (RuntimeException e) {
                next.completeExceptionally(e);
            }
        };
        if (connection.loop == null || connection.loop.inEventLoop()) {
            attempt.run();
        } else {
            // on the loop itself: the colocated group registers the new channel on the calling loop
            connection.loop.execute(attempt);
        }
        return next;
    }

    /** The HTTP server's event loops, when Lettuce can register its channels on them; else null. */
    private static EventLoopGroup sharedLoops(ReactorResourceFactory netty) {
        if (netty == null || netty.getLoopResources() == null) {
            return null;
        }
        try {
            LoopResources loopResources = netty.getLoopResources();
            EventLoopGroup serverLoops = loopResources.onServer(LoopResources.DEFAULT_NATIVE);
            Class<?> reactorChannel = loopResources.onChannelClass(SocketChannel.class, serverLoops);
            if (reactorChannel.equals(Transports.socketChannelClass())) {
                return serverLoops;
            }
            log.info("Redis on event loops of its own: Reactor Netty uses {}, Lettuce {}", reactorChannel.getSimpleName(),
                    Transports.socketChannelClass().getSimpleName());
        } catch (RuntimeException e) {
            log.info("Redis on event loops of its own: {}", e.toString());
        }
        return null;
    }

    private static RedisURI uri(RedisStandaloneConfiguration standalone, LettuceClientConfiguration configuration) {
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(standalone.getHostName())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withSsl(configuration.isUseSsl())
                .withStartTls(configuration.isStartTls())
                .withVerifyPeer(configuration.getVerifyMode())
                .withTimeout(configuration.getCommandTimeout());
        RedisPassword password = standalone.getPassword();
        if (password.isPresent()) {
            if (standalone.getUsername() != null) {
                builder.withAuthentication(standalone.getUsername(), password.get());
            } else {
                builder.withPassword(password.get());
            }
        }
        configuration.getClientName().ifPresent(builder::withClientName);
        return builder.build();
    }

    static String sha1Hex(byte[] script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    @Override
    public void destroy() {
        for (Pinned connection : connections) {
            CompletableFuture<RedisAsyncCommands<byte[], byte[]>> current = connection.commands.get();
            if (current.isDone() && !current.isCompletedExceptionally()) {
                current.join().getStatefulConnection().close();
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Lends Reactor Netty's loops to Lettuce, which must never shut them down. */
    private record BorrowedLoops(EventLoopGroup group, int size) implements EventLoopGroupProvider {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            return (T) group;
        }

        @Override
        public int threadPoolSize() {
            return size;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
            return new SucceededFuture<>(GlobalEventExecutor.INSTANCE, true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
            return new SucceededFuture<>(GlobalEventExecutor.INSTANCE, true);
        }
    }
}
