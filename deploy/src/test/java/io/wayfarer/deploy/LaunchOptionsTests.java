package io.wayfarer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LaunchOptionsTests {

    @Test
    void oneInstanceOfEachUnlessReplicasAreAskedFor() {
        assertThat(LaunchOptions.parse().replicas()).isEqualTo(1);
        assertThat(LaunchOptions.parse("--replicas", "2").replicas()).isEqualTo(2);
        assertThat(LaunchOptions.parse("--timeout", "300", "--replicas", "3").timeout().toSeconds()).isEqualTo(300);
    }

    @Test
    void replicaCountsOutsideOneToThreeAreRefusedWithTheUsage() {
        for (List<String> args : List.of(List.of("--replicas"), List.of("--replicas", "0"), List.of("--replicas", "4"),
                List.of("--replicas", "two"))) {
            assertThatThrownBy(() -> LaunchOptions.parse(args.toArray(String[]::new)))
                    .as("%s", args).isInstanceOf(LaunchFailure.class).hasMessageContaining("Usage");
        }
    }

    @Test
    void replicasGetTheirOwnPortsAndShareNameAndDatabase() {
        List<Service> two = Service.all(2);

        assertThat(two).hasSize(1 + 2 * (1 + Service.BACKENDS.size()));
        assertThat(two.stream().map(Service::port).distinct()).hasSameSizeAs(two);
        Map<String, List<Integer>> ports = two.stream().collect(Collectors.groupingBy(Service::name,
                Collectors.mapping(Service::port, Collectors.toList())));
        assertThat(ports.get("gateway-service")).containsExactly(8080, 8180);
        assertThat(ports.get("catalog-service")).containsExactly(8083, 8183);
        assertThat(ports.get("discovery-server")).containsExactly(8761);
        assertThat(two.stream().filter(s -> s.name().equals("payment-service")).map(Service::database).distinct())
                .hasSize(1);
        assertThat(Service.all(1)).containsExactlyInAnyOrderElementsOf(Service.all());
    }
}
