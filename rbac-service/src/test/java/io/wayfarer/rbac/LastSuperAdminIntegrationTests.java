package io.wayfarer.rbac;

import static io.wayfarer.rbac.RbacApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh database of its own: two super admins demoting each other at once cannot leave none. */
@IntegrationTest(properties = "wayfarer.test.context=last-super-admin")
@Import(TestIdentity.class)
class LastSuperAdminIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoSuperAdminsDemotingEachOtherAtOnceLeaveOne() throws Exception {
        RbacApi api = new RbacApi(port, TestIdentity.superAdmin());
        for (int round = 0; round < 5; round++) {
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            jdbc.update("DELETE FROM user_role");
            body(api.put("/v1/users/" + a + "/roles", "{\"roles\":[\"SUPER_ADMIN\"]}"), 200);
            body(api.put("/v1/users/" + b + "/roles", "{\"roles\":[\"SUPER_ADMIN\"]}"), 200);

            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> answers = List.of(a, b).stream().map(user -> threads.submit(() -> {
                    start.await();
                    return api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"TRAVELLER\"]}").statusCode();
                })).toList();
                List<Integer> statuses = List.of(answers.get(0).get(), answers.get(1).get());
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            } finally {
                threads.shutdown();
            }
            Integer holders = jdbc.queryForObject("SELECT count(*) FROM user_role u JOIN role r ON r.id = u.role_id "
                    + "WHERE r.code = 'SUPER_ADMIN'", Integer.class);
            assertThat(holders).isEqualTo(1);
        }
    }
}
