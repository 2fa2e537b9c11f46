package io.wayfarer.platform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class LocalInfrastructureIntegrationTests {

    @Test
    void freshDatabasesAreRealAndSeparate() throws SQLException {
        Postgres postgres = SharedInfrastructure.postgres();
        String first = SharedInfrastructure.freshDatabase("platform");
        String second = SharedInfrastructure.freshDatabase("platform");
        assertThat(first).isNotEqualTo(second);

        try (Connection connection = postgres.connect(first); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_here (id int)");
        }
        try (Connection connection = postgres.connect(second); var statement = connection.createStatement()) {
            var tables = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }

        postgres.dropDatabase(first);
        assertThatThrownBy(() -> postgres.connect(first).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesUnsafeDatabaseNames() {
        Postgres postgres = SharedInfrastructure.postgres();
        assertThatThrownBy(() -> postgres.createDatabaseIfMissing("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redisAnswersAndKeyPrefixesIsolate() {
        Redis redis = SharedInfrastructure.redis();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(redis.host(), redis.port());
        factory.afterPropertiesSet();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            String a = SharedInfrastructure.freshKeyPrefix("platform");
            String b = SharedInfrastructure.freshKeyPrefix("platform");
            template.opsForValue().set(a + "k", "from-a", Duration.ofMinutes(1));
            assertThat(template.opsForValue().get(a + "k")).isEqualTo("from-a");
            assertThat(template.opsForValue().get(b + "k")).isNull();
        } finally {
            factory.destroy();
        }
    }

    @Test
    void kafkaBrokerHasTheTopicsAndDeliversRecords() {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        String value = UUID.randomUUID().toString();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("wayfarer.orders", "order-1", value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "platform-test-" + value,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            assertThat(consumer.listTopics().keySet()).containsAll(Kafka.TOPICS);
            consumer.subscribe(List.of("wayfarer.orders"));
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!seen.contains(value) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.value());
                }
            }
            assertThat(seen).contains(value);
        }
    }

    /** The laptop path: no machine servers, so real binaries from Maven artifacts must work. */
    @Test
    void embeddedServersStartWhenForced(@TempDir Path dataDirectory) throws SQLException {
        System.setProperty("WAYFARER_EMBEDDED", "true");
        try (Postgres postgres = Postgres.startOrConnect(dataDirectory.resolve("pg"), 0);
             Redis redis = Redis.startOrConnect(0, dataDirectory.resolve("redis"))) {
            assertThat(postgres.isEmbedded()).isTrue();
            assertThat(redis.isEmbedded()).isTrue();
            assertThat(postgres.createDatabaseIfMissing("wayfarer_probe")).isTrue();
            assertThat(postgres.createDatabaseIfMissing("wayfarer_probe")).isFalse();
            try (Connection connection = postgres.connect("wayfarer_probe")) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            }
            assertThat(Redis.answersPing(redis.host(), redis.port())).isTrue();
        } finally {
            System.clearProperty("WAYFARER_EMBEDDED");
        }
    }
}
