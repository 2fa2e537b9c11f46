package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatKeys;
import io.wayfarer.chat.ChatProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws/chat} on Tomcat: small per-socket buffers (an idle socket should
 * cost little heap), and this instance's Redis subscriptions (its fan-out channel, revocations).
 */
@Configuration
@EnableWebSocket
class ChatSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/chat";

    private final ChatSocketHandler handler;
    private final TicketHandshake handshake;
    private final ChatProperties properties;

    ChatSocketConfiguration(ChatSocketHandler handler, TicketHandshake handshake, ChatProperties properties) {
        this.handler = handler;
        this.handshake = handshake;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).addInterceptors(handshake)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    /** Tomcat allocates the message buffers per socket up front: size them to the protocol's limits. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        // longer frames arrive in pieces (ChatSocketHandler supports partial messages); the protocol's
        // frame limit (maxFrameChars) is enforced by FrameAssembly
        container.setMaxTextMessageBufferSize(Math.min(properties.socketTextBufferChars(), properties.maxFrameChars()));
        container.setMaxBinaryMessageBufferSize(128); // binary frames are refused (1003) anyway
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }

    /** Per-connection NIO socket buffers of 2 KiB instead of 8 KiB each way: frames are small. */
    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?>) {
                connector.setProperty("socket.appReadBufSize", "2048");
                connector.setProperty("socket.appWriteBufSize", "2048");
            }
        };
    }

    /** {@code chat.connections}: the sockets open on this instance (operations; the gateway end-to-end test). */
    @Bean
    MeterBinder chatConnectionsGauge(LocalConnections connections) {
        return registry -> Gauge.builder("chat.connections", connections, LocalConnections::size)
                .description("Chat sockets open on this instance").register(registry);
    }

    @Bean
    RedisMessageListenerContainer chatSubscriptions(RedisConnectionFactory redis, ChatKeys keys, ChatInstance instance,
            Fanout fanout, SessionRevocations revocations) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(new SyncTaskExecutor()); // Fanout hands frames to its own lanes
        container.addMessageListener(fanout, new ChannelTopic(keys.instanceChannel(instance.id())));
        container.addMessageListener(revocations, new ChannelTopic(keys.revocationsChannel()));
        return container;
    }
}
