package io.wayfarer.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.chat.ChatProperties;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch paths of {@link GroupCommit}, one batch at a time, on real PostgreSQL (chat's own
 * migrations): a client id twice in one batch, a resend of a stored message in a batch of new ones
 * (the batch is rolled back and written again without it: no gap), an unknown conversation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitIntegrationTests {

    private final Postgres postgres = SharedInfrastructure.postgres();
    private final String database = SharedInfrastructure.freshDatabase("chat_group_commit");
    private JdbcClient jdbc;
    private GroupCommit batches;

    @BeforeAll
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.user(),
                postgres.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform", "classpath:db/migration").load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        batches = new GroupCommit(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), properties());
    }

    @AfterAll
    void drop() {
        postgres.dropDatabase(database);
    }

    @Test
    void aClientIdTwiceInOneBatchIsStoredOnceAndTheRepeatIsAnsweredAsAResend() {
        UUID conversation = conversation();
        UUID sender = UUID.randomUUID();
        GroupCommit.Pending first = pending(conversation, sender, "a");
        GroupCommit.Pending again = pending(conversation, sender, "a");
        GroupCommit.Pending other = pending(conversation, sender, "b");

        batches.write(List.of(first, again, other));

        assertThat(first.seq().join()).isEqualTo(1);
        assertThat(again.seq().join()).as("answered as a resend").isNull();
        assertThat(other.seq().join()).isEqualTo(2);
        assertThat(seqs(conversation)).containsExactly(1L, 2L);
    }

    @Test
    void aResendInABatchOfNewMessagesRollsTheBatchBackAndWritesTheOthersWithoutAGap() {
        UUID conversation = conversation();
        UUID sender = UUID.randomUUID();
        GroupCommit.Pending stored = pending(conversation, sender, "x");
        batches.write(List.of(stored));

        GroupCommit.Pending before = pending(conversation, sender, "y");
        GroupCommit.Pending resend = pending(conversation, sender, "x");
        GroupCommit.Pending after = pending(conversation, sender, "z");
        batches.write(List.of(before, resend, after));

        assertThat(resend.seq().join()).isNull();
        assertThat(List.of(before.seq().join(), after.seq().join())).containsExactlyInAnyOrder(2L, 3L);
        assertThat(seqs(conversation)).containsExactly(1L, 2L, 3L);
        assertThat(jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?").param(conversation).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void aMessageForNoConversationIsNotStoredAndTheRestOfItsBatchIs() {
        UUID conversation = conversation();
        GroupCommit.Pending lost = pending(UUID.randomUUID(), UUID.randomUUID(), "n");
        GroupCommit.Pending fine = pending(conversation, UUID.randomUUID(), "f");

        batches.write(List.of(lost, fine));

        assertThat(lost.seq().join()).isNull();
        assertThat(fine.seq().join()).isEqualTo(1);
    }

    private UUID conversation() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO conversation (id, traveller_id, expert_id, expert_user_id, expert_name) VALUES (?, ?, ?, ?, ?)")
                .params(id, UUID.randomUUID(), Math.abs(id.getLeastSignificantBits()), UUID.randomUUID(), "Emma").update();
        return id;
    }

    private static GroupCommit.Pending pending(UUID conversation, UUID sender, String clientId) {
        return new GroupCommit.Pending(conversation, sender, clientId, "text " + clientId, UUID.randomUUID(), Instant.now());
    }

    private List<Long> seqs(UUID conversation) {
        return jdbc.sql("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq").param(conversation)
                .query(Long.class).list();
    }

    private static ChatProperties properties() {
        Duration second = Duration.ofSeconds(1);
        return new ChatProperties(2000, 4096, 1024, second, 5, 10, 30, 20, second, second, second, second, second, second,
                262144, second, 200, 1, 64, List.of("*"));
    }
}
