package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.chat.message.MessageLog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sequence and de-duplication invariants under real concurrency on PostgreSQL. */
class MessageOrderingIntegrationTests extends ChatIntegrationTest {

    @Autowired
    MessageLog log;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentSendersGetGapFreeSeqsAndConcurrentResendsOfOneClientIdStoreOneMessage() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        UUID conversation = UUID.fromString(a().conversation(tom, emma.expertId()));
        int threads = 8;
        int each = 25;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> duplicates = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                UUID sender = thread % 2 == 0 ? tom.userId() : emma.user().userId();
                duplicates.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int dup = 0;
                    for (int i = 0; i < each; i++) {
                        log.append(conversation, sender, "c" + thread + "-" + i, "message " + i);
                        if (log.append(conversation, tom.userId(), "same-" + i, "resent").duplicate()) {
                            dup++;
                        }
                    }
                    return dup;
                }));
            }
            int duplicateAnswers = 0;
            for (Future<Integer> future : duplicates) {
                duplicateAnswers += future.get(120, TimeUnit.SECONDS);
            }
            assertThat(duplicateAnswers).isEqualTo(each * (threads - 1));
        } finally {
            pool.shutdownNow();
        }
        int expected = threads * each + each;
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq", Long.class,
                conversation);
        assertThat(seqs).hasSize(expected);
        assertThat(seqs.get(0)).isEqualTo(1);
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT last_seq FROM conversation WHERE id = ?", Long.class, conversation))
                .isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message WHERE conversation_id = ? AND client_id LIKE 'same-%'",
                Long.class, conversation)).isEqualTo(each);
    }
}
