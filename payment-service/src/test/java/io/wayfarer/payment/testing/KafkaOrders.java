package io.wayfarer.payment.testing;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads {@code wayfarer.orders} from the start, as a consumer such as recommend-service would. */
public final class KafkaOrders {

    private KafkaOrders() {
    }

    /** The types of the events published about one order, read until {@code quiet} passes with nothing new. */
    public static List<String> eventTypesOf(String orderId, int atLeast, Duration quiet) {
        List<String> types = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "payment-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("wayfarer.orders"));
            long deadline = System.currentTimeMillis() + 30_000;
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        JsonNode event = PaymentApi.json.readTree(record.value());
                        types.add(event.path("type").asString());
                    }
                }
                if (types.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return types;
    }
}
