package io.wayfarer.rbac;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code wayfarer.rbac.policy} from the start, as a fresh consumer group, until it saw what a test waits for. */
final class PolicyTopic {

    static final String NAME = "wayfarer.rbac.policy";

    private PolicyTopic() {
    }

    /** The records (in topic order) whose event ids are among {@code ids}, once all of them arrived. */
    static List<ConsumerRecord<String, String>> await(Collection<String> ids) {
        return await(record -> ids.stream().anyMatch(id -> record.value().contains("\"id\":\"" + id + "\"")), ids.size());
    }

    static List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> wanted, int count) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(NAME));
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (wanted.test(record)) {
                        seen.add(record);
                    }
                });
            }
        }
        if (seen.size() < count) {
            throw new AssertionError("saw " + seen.size() + " of " + count + " events on " + NAME);
        }
        return seen;
    }
}
