package io.wayfarer.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.KeySourceException;
import io.wayfarer.platform.problem.ProblemException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** A good token that cannot be checked (no keys yet) is a 503 to retry, not a 401 that signs the user out. */
class CurrentUserResolverTests {

    private final TokenForge forge = new TokenForge();

    @Test
    void unreachableKeysAnswer503WithRetryAfterAndAForgedTokenStill401() throws Exception {
        CurrentUserResolver noKeys = new CurrentUserResolver(new AccessTokenVerifier((selector, context) -> {
            throw new KeySourceException("No auth-service instance to fetch the JWKS from");
        }, TokenForge.ISSUER));

        ProblemException unavailable = catchThrowableOfType(ProblemException.class,
                () -> noKeys.resolveArgument(parameter(), null, request(forge.valid()), null));
        assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
        assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo("1");

        ProblemException forged = catchThrowableOfType(ProblemException.class,
                () -> noKeys.resolveArgument(parameter(), null, request(forge.unsigned("none")), null));
        assertThat(forged.getStatusCode().value()).isEqualTo(401);
    }

    private static ServletWebRequest request(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer " + token);
        return new ServletWebRequest(request);
    }

    private static MethodParameter parameter() throws NoSuchMethodException {
        Method method = CurrentUserResolverTests.class.getDeclaredMethod("handler", CurrentUser.class);
        return new MethodParameter(method, 0);
    }

    @SuppressWarnings("unused")
    private void handler(CurrentUser user) {
    }
}
