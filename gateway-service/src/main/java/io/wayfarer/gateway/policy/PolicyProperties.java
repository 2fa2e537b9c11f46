package io.wayfarer.gateway.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how often the gateway gets the RBAC policy ({@code wayfarer.gateway.policy.*}, docs/rbac.md
 * "Distribution protocol").
 *
 * @param snapshotUri  the snapshot ({@code If-None-Match} → 304); {@code lb://} goes through discovery
 * @param versionUri   the bare version, polled as the fallback for lost events
 * @param pollInterval how often the version is polled (and, until a policy is held, the snapshot fetched)
 * @param fetchTimeout one fetch of either
 * @param eventsEnabled whether {@code rbac.policy.changed} is consumed from Kafka (off: polling only)
 * @param topic        where rbac-service publishes its policy events
 * @param instanceId   this gateway's consumer-group suffix; blank: a random one per process, so every
 *                     instance is a group of its own and sees every event
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.policy")
public record PolicyProperties(
        @DefaultValue("lb://rbac-service/internal/v1/policy") @NotNull URI snapshotUri,
        @DefaultValue("lb://rbac-service/internal/v1/policy/version") @NotNull URI versionUri,
        @DefaultValue("500ms") @NotNull Duration pollInterval,
        @DefaultValue("3s") @NotNull Duration fetchTimeout,
        @DefaultValue("true") boolean eventsEnabled,
        @DefaultValue("wayfarer.rbac.policy") @NotBlank String topic,
        @DefaultValue("") String instanceId) {
}
