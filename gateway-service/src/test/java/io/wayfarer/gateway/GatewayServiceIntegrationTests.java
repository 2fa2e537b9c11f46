package io.wayfarer.gateway;

import io.wayfarer.platform.testing.ServiceSkeletonChecks;
import org.junit.jupiter.api.Test;

/** The gateway behaves as every Wayfarer service does: about, problems, request ids, probes, metrics. */
class GatewayServiceIntegrationTests {

    @Test
    void behavesAsAWayfarerService() throws Exception {
        ServiceSkeletonChecks.against(GatewayTestBed.get().port, "gateway-service").verifyAll();
    }
}
