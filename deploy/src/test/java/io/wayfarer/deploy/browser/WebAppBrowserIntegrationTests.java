package io.wayfarer.deploy.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.wayfarer.deploy.FullStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web app in a real Chromium against the real system (every jar the journeys need, on free ports,
 * one stack for all journeys): a traveller browses, logs in, chats with the trip's expert (who answers
 * from a second browser), books, pays at the Alipay stand-in's cashier and sees the order PAID; an admin
 * grants a resource in the permission matrix and another staff member's disabled button comes alive
 * without a new login; a session ended by an admin lands its user on the login page with a message; a
 * WeChat login through the stand-in survives a reload through the HttpOnly refresh cookie alone; a login
 * at the OpenID Connect stand-in goes through auth-service's OIDC client; the page and its modules carry the
 * security headers. recommend-service runs with no model: "For you" and "Similar trips" fill from the
 * catalogue, and favourite/share are recorded. Screenshots: {@code deploy/target/screenshots/}.
 *
 * <p>Needs Debian's Chromium ({@code apt-get install -y chromium}); skipped with a message when it is
 * missing, except in CI ({@code CI} set), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserIntegrationTests {

    private static final Path WORK = Path.of("target", "webapp-it").toAbsolutePath();
    private static final String HOSTILE = "<img src=x onerror=alert(1)><b>Hello</b> Emma, is the tea walk good for kids?";
    private static final String REPLY = "Welcome Alice! Yes, children love the tasting stops.";
    /** As gateway-service's WebAppSecurityHeaders sets it: written out here, so a change must be made on purpose. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final LocatorAssertions.IsVisibleOptions WITHIN_30_S = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(60_000);

    private FullStack stack;
    private Chromium chromium;
    private DemoData demo;
    private Page admin;

    @BeforeAll
    void startTheSystemAndTheBrowser() {
        var executable = Chromium.executable();
        if (executable.isEmpty()) {
            String message = "No Chromium at /usr/bin/chromium (or WAYFARER_CHROMIUM): install it with "
                    + "`apt-get install -y chromium` to run the web app's browser tests";
            Assertions.assertThat(System.getenv("CI")).as(message + " — they must run in CI").isNull();
            Assumptions.abort(message);
        }
        stack = FullStack.start(WORK, List.of("auth-service", "rbac-service", "catalog-service", "chat-service", "payment-service", "recommend-service"),
                Map.of(
                        // every page load and module comes from one test address: the per-address bucket is for the internet
                        "GATEWAY_RL_ANONYMOUS_CAPACITY", "5000",
                        // the demo accounts log in several times within a minute (set-up, browsers)
                        "GATEWAY_RL_LOGIN_ACCOUNT_CAPACITY", "100",
                        "GATEWAY_RL_LOGIN_IP_CAPACITY", "200",
                        "WAYFARER_DEMO_TRIPS", "24"),
                Duration.ofSeconds(600)); // generous: 9 JVMs starting on 2 busy cores
        demo = DemoData.prepare(stack);
        chromium = Chromium.launch(executable.get());
    }

    @Test
    @Order(1)
    void aTravellerBrowsesLogsInChatsWithTheExpertBooksPaysAndSeesTheOrderPaid() {
        Page alice = chromium.newUser("alice", Chromium.PHONE);
        alice.navigate(stack.baseUrl() + "/#/trips?sortby=price&order=asc");
        assertThat(alice.locator("#trip-list article").first()).isVisible();
        assertThat(alice.locator("select[name=sortby]")).hasValue("price"); // the URL is the query: shareable
        Chromium.screenshot(alice, "01-browse-phone");

        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu")).click(); // phone: folded navigation
        alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in")).click();
        logIn(alice, "alice");
        // no model yet: recommend-service fills "For you" from the catalogue ranking
        assertThat(alice.locator("section.recommendations[aria-label='For you'] article").first()).isVisible(WITHIN_30_S);
        Chromium.screenshot(alice, "01b-for-you-phone");
        alice.navigate(stack.baseUrl() + "/#/trips/" + demo.tripId());
        assertThat(alice.locator("h1")).hasText(demo.tripTitle());
        assertThat(alice.locator("#departures tbody tr").first()).isVisible();
        assertThat(alice.locator("section.recommendations[aria-label='Similar trips'] article").first()).isVisible(WITHIN_30_S);
        Assertions.assertThat(behaviourSent(alice, "#favourite").status()).isEqualTo(201);
        assertThat(alice.locator("#favourite ~ [role=status]")).hasText("Saved to your favourites.");
        Assertions.assertThat(behaviourSent(alice, "#share").status()).isEqualTo(201);
        assertThat(alice.locator("#favourite ~ [role=status]")).containsText("Link to share: " + stack.baseUrl() + "/#/trips/" + demo.tripId());
        Chromium.screenshot(alice, "02-trip-phone");

        alice.locator("#chat-with-expert").click();
        alice.waitForURL(Pattern.compile(".*#/messages/.+"));
        assertThat(alice.locator("#chat-state")).hasText("Live", SLOW);
        alice.locator("#chat-input").fill(HOSTILE);
        alice.locator("#chat-input").press("Enter");
        Locator sent = alice.locator("#chat-log li.mine").last();
        assertThat(sent.locator(".text")).hasText(HOSTILE);
        assertThat(sent.locator(".tick")).hasText("Sent");
        assertThat(alice.locator("#chat-log img, #chat-log b")).hasCount(0); // text, never markup

        Page emma = signedIn("emma", Chromium.DESKTOP);
        assertThat(emma.locator("#unread-total")).hasText("1");
        emma.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Expert inbox")).click();
        emma.locator("#conversations a").first().click();
        assertThat(emma.locator("#chat-log li .text").first()).hasText(HOSTILE);
        assertThat(emma.locator("#chat-state")).hasText("Live", SLOW);
        emma.locator("#chat-input").fill(REPLY);
        emma.locator("#chat-input").press("Enter");
        Chromium.screenshot(emma, "03-expert-conversation");

        assertThat(alice.locator("#chat-log li:not(.mine) .text").last()).hasText(REPLY); // live, no reload
        assertThat(sent.locator(".tick")).hasText("Read"); // emma had it on screen
        assertThat(emma.locator("#unread-total")).hasText("0");
        Chromium.screenshot(alice, "04-traveller-chat-phone");

        alice.navigate(stack.baseUrl() + "/#/trips/" + demo.tripId());
        alice.locator("#departures button.book:not([disabled])").first().click();
        alice.waitForURL(Pattern.compile(".*#/orders/.+"));
        assertThat(alice.locator("#order-status")).hasText("CREATED");
        alice.locator("#pay").click();
        alice.waitForURL(url -> !url.startsWith(stack.baseUrl()));
        Chromium.screenshot(alice, "05-alipay-cashier");
        alice.locator("#pay").click(); // the stand-in's cashier: signed notice to payment-service, then the return
        alice.waitForURL(url -> url.startsWith(stack.baseUrl() + "/v1/payments/alipay/return"));
        Chromium.screenshot(alice, "06-alipay-return");
        alice.getByText("Back to Wayfarer").click();
        assertThat(alice.locator("#order-status")).hasText("PAID", SLOW);
        Chromium.screenshot(alice, "07-order-paid-phone");

        alice.navigate(stack.baseUrl() + "/#/orders");
        assertThat(alice.locator("#orders tbody tr").first()).containsText("PAID");
    }

    @Test
    @Order(2)
    void aGrantInThePermissionMatrixMakesAForbiddenButtonWorkWithoutANewLogin() {
        Page paul = signedIn("paul", Chromium.DESKTOP);
        paul.navigate(stack.baseUrl() + "/#/staff");
        Locator roles = paul.locator("#staff-roles");
        assertThat(roles).isDisabled();
        assertThat(paul.locator("#staff-catalogue")).isEnabled(); // a product administrator's own section
        Chromium.screenshot(paul, "08-staff-console-before-grant");

        admin = signedIn("admin", Chromium.DESKTOP);
        admin.navigate(stack.baseUrl() + "/#/staff/permissions?category=permission");
        Locator cell = admin.getByLabel("PRODUCT_ADMIN: GET /v1/roles", new Page.GetByLabelOptions().setExact(true));
        assertThat(cell).not().isChecked();
        cell.check();
        assertThat(admin.locator("#matrix-status")).containsText("PRODUCT_ADMIN may now call GET /v1/roles");
        Chromium.screenshot(admin, "09-permission-matrix");

        assertThat(roles).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(15_000));
        roles.click();
        assertThat(paul.locator("#roles")).containsText("SUPER_ADMIN");
        Chromium.screenshot(paul, "10-roles-after-grant");
    }

    @Test
    @Order(3)
    void aSessionEndedByAnAdminLandsItsUserOnTheLoginPageWithAMessage() {
        Page olga = signedIn("olga", Chromium.PHONE);
        olga.navigate(stack.baseUrl() + "/#/orders");
        assertThat(olga.locator("h1")).hasText("My orders");

        if (admin == null) {
            admin = signedIn("admin", Chromium.DESKTOP);
        }
        admin.navigate(stack.baseUrl() + "/#/staff/users?account=olga");
        admin.locator("#users button[data-account=olga]").click();
        // olga's browser session, and any a slow start left behind (DemoData's first logins while the gateway
        // did not know auth-service's key yet): end them all, one click each
        Locator kicks = admin.locator("#sessions button.kick");
        assertThat(kicks.first()).isVisible();
        for (int live = kicks.count(); live > 0; live--) {
            kicks.first().click();
            assertThat(kicks).hasCount(live - 1);
        }
        assertThat(admin.locator("#sessions")).containsText("No live session.");
        Chromium.screenshot(admin, "11-users-sessions");

        PageAssertions.HasURLOptions within = new PageAssertions.HasURLOptions().setTimeout(20_000);
        assertThat(olga).hasURL(Pattern.compile(".*#/login\\?reason=session-ended"), within);
        assertThat(olga.locator("#session-ended")).isVisible();
        assertThat(olga.locator("#notice")).containsText("Your session has ended");
        Chromium.screenshot(olga, "12-session-ended-phone");
    }

    @Test
    @Order(4)
    void aWeChatLoginThroughTheStandInKeepsTheSessionAcrossAReloadWithoutExposingTheRefreshToken() {
        Page wechat = chromium.newUser("wechat", Chromium.PHONE);
        wechat.navigate(stack.baseUrl() + "/#/login");
        wechat.locator("#login-wechat").click();
        wechat.locator("input[name=name]").fill("Li Lei");
        Chromium.screenshot(wechat, "13-wechat-stand-in");
        wechat.locator("#confirm").click();

        assertThat(wechat.locator("#nav .who")).hasText("Li Lei");
        Assertions.assertThat(wechat.url()).doesNotContain("login_code"); // the one-time code left the address bar
        wechat.reload();
        assertThat(wechat.locator("#nav .who")).hasText("Li Lei"); // silent refresh with the cookie
        Assertions.assertThat((String) wechat.evaluate("document.cookie")).doesNotContain("wayfarer_refresh");
        Assertions.assertThat(wechat.context().cookies()).anySatisfy(cookie -> {
            Assertions.assertThat(cookie.name).isEqualTo("wayfarer_refresh");
            Assertions.assertThat(cookie.httpOnly).isTrue();
            Assertions.assertThat(cookie.path).isEqualTo("/v1/auth/refresh");
            Assertions.assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        });
    }

    @Test
    @Order(5)
    void aLoginAtTheOpenIdConnectStandInLandsInTheAppSignedIn() {
        Page oidc = chromium.newUser("oidc", Chromium.DESKTOP);
        oidc.navigate(stack.baseUrl() + "/#/login");
        oidc.locator("#login-demo-id").click(); // auth-service's OIDC client: discovery, state, nonce, PKCE
        oidc.waitForURL(url -> url.startsWith(stack.baseUrl() + "/v1/auth/oauth2/oidc-standin/authorize?"));
        oidc.locator("#user").selectOption("grace");
        Chromium.screenshot(oidc, "14-oidc-stand-in");
        oidc.locator("#confirm").click(); // code -> token endpoint -> RS256 ID token checked against the JWKS

        assertThat(oidc.locator("#nav .who")).hasText("Grace Hopper");
        Assertions.assertThat(oidc.url()).doesNotContain("login_code");
    }

    @Test
    @Order(6)
    void thePageAndItsModulesCarryTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/app/main.js")) {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpHeaders headers = answer.headers();
            Assertions.assertThat(answer.statusCode()).as(path).isEqualTo(200);
            Assertions.assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValue(CONTENT_SECURITY_POLICY);
            Assertions.assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            Assertions.assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            Assertions.assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            Assertions.assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
            Assertions.assertThat(headers.firstValue("Permissions-Policy")).as(path).hasValueSatisfying(
                    policy -> Assertions.assertThat(policy).contains("camera=()", "microphone=()", "geolocation=()"));
        }
        Assertions.assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/main.js")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> Assertions.assertThat(type).matches("(text|application)/javascript.*")); // nosniff needs the right type
    }

    /** Clicks a favourite/share button and returns the answer to the POST /v1/behaviours it sent. */
    private static Response behaviourSent(Page page, String button) {
        return page.waitForResponse(answer -> answer.url().endsWith("/v1/behaviours") && "POST".equals(answer.request().method()),
                () -> page.locator(button).click());
    }

    /** A new browser profile, logged in as this demo account. */
    private Page signedIn(String account, int[] viewport) {
        Page page = chromium.newUser(account, viewport);
        page.navigate(stack.baseUrl() + "/#/login");
        logIn(page, account);
        return page;
    }

    /** Keyboard only: type, Tab, type, Enter. */
    private void logIn(Page page, String account) {
        page.waitForURL(Pattern.compile(".*#/login.*"));
        page.locator("input[name=account]").focus();
        page.keyboard().type(account);
        page.keyboard().press("Tab");
        page.keyboard().type(stack.demoPassword());
        page.keyboard().press("Enter");
        assertThat(page.locator("#nav .who")).not().isEmpty();
    }

    @AfterEach
    void noScriptOrConsoleErrors() {
        if (chromium != null) {
            Assertions.assertThat(chromium.problems()).isEmpty();
        }
    }

    @AfterAll
    void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        if (stack != null) {
            stack.close();
        }
    }
}
