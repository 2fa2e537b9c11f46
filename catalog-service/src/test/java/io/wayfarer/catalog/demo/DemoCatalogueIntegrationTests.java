package io.wayfarer.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.CatalogApi;
import io.wayfarer.catalog.CatalogIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The launcher's demo catalogue: big enough, believable, consistent, and loaded once. */
@CatalogIntegrationTest
class DemoCatalogueIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CatalogueGenerator generator;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void loadsOnceAndAgainAddsNothing() {
        int first = generator.ensure(220);
        assertThat(first).isBetween(0, 220);
        assertThat(generator.ensure(220)).as("a restart adds nothing").isZero();
        assertThat(demoTrips()).isEqualTo(220);
        assertThat(count("SELECT count(DISTINCT destination_id) FROM trip WHERE title LIKE '% in %'")).isGreaterThanOrEqualTo(30);
        assertThat(count("SELECT count(DISTINCT expert_id) FROM trip WHERE title LIKE '% in %'")).isGreaterThanOrEqualTo(10);
        assertThat(count("SELECT count(*) FROM review")).isGreaterThan(300);
        assertThat(count("SELECT count(*) FROM departure")).isGreaterThan(500);
        assertThat(count("""
                SELECT count(*) FROM trip t WHERE t.rating_count <>
                  (SELECT count(*) FROM review r WHERE r.trip_id = t.id AND r.deleted_at IS NULL)
                  OR t.rating_sum <> (SELECT coalesce(sum(rating), 0) FROM review r
                                      WHERE r.trip_id = t.id AND r.deleted_at IS NULL)""")).isZero();

        JsonNode kyoto = CatalogApi.body(new CatalogApi(port).get("/v1/trips?q=in%20Kyoto&sortby=rating&order=desc", null));
        assertThat(kyoto.path("total").asLong()).isGreaterThan(3);
        assertThat(kyoto.path("items").get(0).path("title").asString()).contains("Kyoto");

        assertThat(generator.ensure(260)).as("growing adds only the new trips").isEqualTo(40);
        assertThat(demoTrips()).isEqualTo(260);
        // every demo trip is announced once, as any new trip is, so consumers' projections know it from the start
        assertThat(count("""
                SELECT count(*) FROM trip t WHERE t.cover_image_url LIKE 'https://img.wayfarer.io/trips/%'
                  AND (SELECT count(*) FROM outbox_event e WHERE e.topic = 'wayfarer.catalog.products'
                       AND e.type = 'product.created' AND e.subject = t.id::text) <> 1""")).isZero();
    }

    private long demoTrips() {
        return count("SELECT count(*) FROM trip WHERE cover_image_url LIKE 'https://img.wayfarer.io/trips/%'");
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
