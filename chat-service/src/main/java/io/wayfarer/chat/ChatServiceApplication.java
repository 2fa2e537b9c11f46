package io.wayfarer.chat;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/** chat-service: Conversations and messages between travellers and travel experts, live over WebSocket. */
@SpringBootApplication
@EnableFeignClients
@ConfigurationPropertiesScan
public class ChatServiceApplication {

    /**
     * Tomcat sizes each socket's WebSocket input, output and encoder buffers (8 + 8 + 16 KiB) from
     * this property, read once when its WebSocket classes load. Chat frames are small (≤ 4096 chars),
     * so 2 KiB buffers (longer frames are simply read and written in pieces) cut the heap of an idle
     * socket by about 24 KiB (chat-service/BENCHMARK.md).
     */
    static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, System.getenv().getOrDefault("CHAT_SOCKET_BUFFER_BYTES", "2048"));
        }
        SpringApplication.run(ChatServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
