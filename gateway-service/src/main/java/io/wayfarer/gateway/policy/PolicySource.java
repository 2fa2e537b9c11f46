package io.wayfarer.gateway.policy;

import io.wayfarer.platform.policy.PolicySnapshot;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rbac-service's internal policy API, reactive and through discovery ({@code lb://rbac-service}):
 * the snapshot with {@code If-None-Match: "<held version>"} (304 = nothing newer) and the bare version.
 */
@Component
class PolicySource {

    /** 10,000 resources and 50 roles are about 1.5 MB of JSON. */
    private static final int MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

    private final PolicyProperties properties;
    private final JsonMapper json;
    private final WebClient snapshotClient;
    private final WebClient versionClient;
    private final URI snapshotUri;
    private final URI versionUri;

    PolicySource(PolicyProperties properties, JsonMapper json,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        this.properties = properties;
        this.json = json;
        this.snapshotClient = client(properties.snapshotUri(), loadBalancer);
        this.versionClient = client(properties.versionUri(), loadBalancer);
        this.snapshotUri = http(properties.snapshotUri());
        this.versionUri = http(properties.versionUri());
    }

    /** The snapshot if rbac-service holds a version other than {@code heldVersion} (-1: none held); empty on 304. */
    Mono<PolicySnapshot> snapshotUnlessVersion(long heldVersion) {
        return snapshotClient.get().uri(snapshotUri)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (heldVersion >= 0) {
                        headers.set(HttpHeaders.IF_NONE_MATCH, "\"" + heldVersion + "\"");
                    }
                })
                .exchangeToMono(response -> {
                    if (response.statusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED)) {
                        return response.releaseBody().then(Mono.<String>empty());
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.createError();
                    }
                    return response.bodyToMono(String.class);
                })
                .timeout(properties.fetchTimeout())
                .map(body -> json.readValue(body, PolicySnapshot.class));
    }

    /** The version rbac-service holds now. */
    Mono<Long> version() {
        return versionClient.get().uri(versionUri)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(properties.fetchTimeout())
                .map(body -> {
                    JsonNode version = json.readTree(body).path("version");
                    if (!version.isIntegralNumber()) {
                        throw new IllegalStateException("the policy version answer has no version");
                    }
                    return version.asLong();
                });
    }

    private static WebClient client(URI uri, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        WebClient.Builder builder = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_SNAPSHOT_BYTES));
        if (isLoadBalanced(uri)) {
            builder.filter(loadBalancer.getObject());
        }
        return builder.build();
    }

    private static boolean isLoadBalanced(URI uri) {
        return "lb".equals(uri.getScheme());
    }

    private static URI http(URI uri) {
        return isLoadBalanced(uri) ? URI.create("http" + uri.toString().substring("lb".length())) : uri;
    }
}
