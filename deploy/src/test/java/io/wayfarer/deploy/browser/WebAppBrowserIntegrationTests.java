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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
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
import tools.jackson.databind.JsonNode;

/**
 * The web app in a real Chromium against the real system (every jar the journeys need, on free ports,
 * one stack for all journeys): a traveller browses, logs in, chats with the trip's expert (who answers
 * from a second browser), books, pays at the Alipay stand-in's cashier and sees the order PAID; an admin
 * grants a resource in the permission matrix and another staff member's disabled button comes alive
 * without a new login; a session ended by an admin lands its user on the login page with a message; a
 * WeChat login through the stand-in survives a reload through the HttpOnly refresh cookie alone; a login
 * at the OpenID Connect stand-in goes through auth-service's OIDC client; the page and its modules carry the
 * security headers. A new traveller registers, logs out and in, reviews a trip and cancels an unpaid order;
 * an order administrator refunds the paid order and the super administrator disables and enables an
 * account; a product administrator creates, edits, publishes and archives a trip; the trip list's filters
 * and pages live in the URL. recommend-service runs with no model: "For you" and "Similar trips" fill from
 * the catalogue, and favourite/share are recorded. Screenshots: {@code deploy/target/screenshots/}.
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

        admin();
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

    @Test
    @Order(7)
    void aNewTravellerRegistersLogsOutAndInReviewsATripAndCancelsAnUnpaidOrder() {
        String account = "nora-" + uniqueSuffix();
        String password = "Tea-fields-" + uniqueSuffix();
        Page nora = chromium.newUser("nora", Chromium.DESKTOP);
        nora.navigate(stack.baseUrl() + "/#/login");
        nora.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
        nora.locator("input[name=account]").fill(account);
        nora.locator("input[name=displayName]").fill("Nora Newcomer");
        nora.locator("input[name=email]").fill(account + "@example.com");
        nora.locator("input[name=password]").fill(password);
        nora.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(nora.locator("#nav .who")).hasText("Nora Newcomer"); // registered and logged in
        Chromium.screenshot(nora, "15-registered");

        nora.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        Locator logInLink = nora.locator("#nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Log in").setExact(true));
        assertThat(logInLink).isVisible();
        assertThat(nora.locator("#nav .who")).hasCount(0);
        logInLink.click();
        logIn(nora, account, password);
        assertThat(nora.locator("#nav .who")).hasText("Nora Newcomer");

        nora.navigate(stack.baseUrl() + "/#/trips/" + demo.tripId());
        assertThat(nora.locator("h1")).hasText(demo.tripTitle());
        String words = "The guide knew every tea farmer by name (" + account + ")";
        Locator form = nora.locator("form[aria-label='Write a review']");
        form.locator("select[name=rating]").selectOption("4");
        form.locator("textarea[name=text]").fill(words);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish review")).click();
        assertThat(form.locator("[role=status]")).hasText("Thank you — your review is published.");
        Locator review = nora.locator("#reviews li").filter(new Locator.FilterOptions().setHasText(words));
        assertThat(review).containsText("Nora Newcomer"); // in the list at once, no reload
        assertThat(review.locator(".stars")).hasText("★★★★☆");
        nora.reload();
        assertThat(review).containsText("Nora Newcomer"); // and stored
        Chromium.screenshot(nora, "16-review-written");

        nora.locator("#departures button.book:not([disabled])").first().click();
        nora.waitForURL(Pattern.compile(".*#/orders/.+"));
        assertThat(nora.locator("#order-status")).hasText("CREATED");
        String orderPath = nora.url().substring(nora.url().indexOf('#'));
        nora.locator("#nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My orders")).click();
        Locator mine = nora.locator("#orders tbody tr");
        assertThat(mine).hasCount(1);
        assertThat(mine.locator("td[class^=status-]")).hasText("CREATED");
        mine.locator("a[href='" + orderPath + "']").click();
        assertThat(nora.locator("#order-status")).hasText("CREATED");
        List<String> dialogs = new CopyOnWriteArrayList<>();
        nora.onceDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.accept();
        });
        nora.locator("#cancel").click();
        assertThat(nora.locator("#order-status")).hasText("CLOSED");
        assertThat(nora.locator("#cancel, #pay")).hasCount(0); // nothing left to do with a closed order
        Assertions.assertThat(dialogs).containsExactly("confirm: Cancel this order? Its seats are given back.");
        nora.locator("#nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My orders")).click();
        nora.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("CLOSED")).click();
        assertThat(nora).hasURL(Pattern.compile(".*#/orders\\?status=CLOSED"));
        assertThat(mine.locator("td[class^=status-]")).hasText("CLOSED");
        Chromium.screenshot(nora, "17-order-cancelled");
    }

    @Test
    @Order(8)
    void anOrderAdminRefundsAPaidOrderAndTheSuperAdminDisablesAndEnablesAUser() {
        // the order alice paid in the first journey
        Page olga = signedIn("olga", Chromium.DESKTOP);
        olga.navigate(stack.baseUrl() + "/#/staff");
        olga.locator("#staff-orders").click();
        assertThat(olga.locator("h1")).hasText("Orders");
        olga.locator("select[name=status]").selectOption("PAID");
        olga.locator("input[name=trip_id]").fill(String.valueOf(demo.tripId()));
        olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(olga).hasURL(Pattern.compile(".*#/staff/orders\\?status=PAID&trip_id=" + demo.tripId()));
        Locator rows = olga.locator("#staff-orders tbody tr");
        assertThat(rows.first()).isVisible();
        assertThat(rows.locator("td[class^=status-]:not(.status-PAID)")).hasCount(0);
        assertThat(rows.first()).containsText(demo.tripTitle());

        rows.first().locator("a.view-order").click();
        olga.waitForURL(Pattern.compile(".*#/orders/.+"));
        assertThat(olga.locator("#order-status")).hasText("PAID");
        String orderPath = olga.url().substring(olga.url().indexOf('#'));
        olga.goBack();
        Locator paid = olga.locator("#staff-orders tbody tr:has(a[href='" + orderPath + "'])");
        List<String> dialogs = new CopyOnWriteArrayList<>();
        olga.onceDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.accept("The traveller changed plans");
        });
        paid.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund")).click();
        assertThat(paid.locator("td[class^=status-]")).hasText("REFUNDED");
        assertThat(paid.locator("[role=status]")).hasText("Refunded.");
        assertThat(paid.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund"))).hasCount(0);
        Assertions.assertThat(dialogs).containsExactly("prompt: Reason for the refund (shown to the traveller):");
        Chromium.screenshot(olga, "18-order-refunded");
        paid.locator("a.view-order").click();
        assertThat(olga.locator("#order-status")).hasText("REFUNDED");

        String account = "dora-" + uniqueSuffix();
        String password = "Lantern-" + uniqueSuffix();
        DemoData.register(stack, account, "Dora Dormant", password);
        Page dora = chromium.newUser("dora", Chromium.PHONE);
        dora.navigate(stack.baseUrl() + "/#/login");
        logIn(dora, account, password);
        dora.navigate(stack.baseUrl() + "/#/orders");
        assertThat(dora.locator("h1")).hasText("My orders");

        admin();
        admin.navigate(stack.baseUrl() + "/#/staff/users?account=" + account);
        Locator user = admin.locator("#users tbody tr").filter(new Locator.FilterOptions().setHasText(account));
        Locator enabled = user.locator("td").nth(3);
        assertThat(enabled).hasText("yes");
        user.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(enabled).hasText("no");
        Chromium.screenshot(admin, "19-user-disabled");

        // disabling ends her sessions: her app's next call (the permission poll) is refused
        assertThat(dora).hasURL(Pattern.compile(".*#/login\\?reason=session-ended"), new PageAssertions.HasURLOptions().setTimeout(20_000));
        assertThat(dora.locator("#notice")).containsText("Your session has ended");
        dora.locator("input[name=account]").fill(account);
        dora.locator("input[name=password]").fill(password);
        dora.locator("form[aria-label='Log in'] button[type=submit]").click();
        assertThat(dora.locator("#login-error")).containsText("Account disabled");
        Chromium.screenshot(dora, "20-login-refused-phone");

        user.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
        assertThat(enabled).hasText("yes");
        dora.locator("form[aria-label='Log in'] button[type=submit]").click();
        assertThat(dora.locator("#nav .who")).hasText("Dora Dormant");
    }

    @Test
    @Order(9)
    void aProductAdminCreatesEditsPublishesAndArchivesATrip() {
        String suffix = uniqueSuffix();
        Page paul = signedIn("paul", Chromium.DESKTOP);
        paul.navigate(stack.baseUrl() + "/#/staff");
        paul.locator("#staff-catalogue").click();
        assertThat(paul.locator("h1")).hasText("Catalogue");
        Locator tabs = paul.locator("#main .tabs");
        Locator editor = paul.locator("#editor form");

        Locator search = paul.locator("#main form[role=search]");
        tabs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Destinations")).click();
        search.locator("input[name=q]").fill(suffix);
        search.locator("button[type=submit]").click();
        assertThat(paul).hasURL(Pattern.compile(".*#/staff/catalogue\\?kind=destinations&q=" + suffix));
        paul.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New destination")).click();
        editor.locator("input[name=name]").fill("Lake Tai " + suffix);
        editor.locator("input[name=country]").fill("China");
        editor.locator("input[name=region]").fill("Jiangsu");
        editor.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(editor.locator("[role=status]")).containsText("Saved (id ");
        String destinationId = savedId(editor);
        assertThat(paul.locator("#main table tbody tr").filter(new Locator.FilterOptions().setHasText("Lake Tai " + suffix)))
                .containsText("Jiangsu"); // the list is read again, the search kept

        String title = "Lake Tai islands by bike " + suffix;
        tabs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Trips").setExact(true)).click();
        search.locator("input[name=q]").fill(suffix);
        search.locator("button[type=submit]").click();
        assertThat(paul).hasURL(Pattern.compile(".*#/staff/catalogue\\?kind=trips&q=" + suffix));
        paul.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New trip")).click();
        editor.locator("input[name=title]").fill(title);
        editor.locator("input[name=summary]").fill("Three days of orchards, fishing villages and lake breeze.");
        editor.locator("input[name=destinationId]").fill(destinationId);
        editor.locator("input[name=price]").fill("1888");
        editor.locator("input[name=durationDays]").fill("3");
        assertThat(editor.locator("select[name=status]")).hasValue("draft");
        editor.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(editor.locator("[role=status]")).containsText("Saved (id ");
        Locator trip = paul.locator("#main table tbody tr").filter(new Locator.FilterOptions().setHasText(suffix));
        assertThat(trip).hasCount(1); // the list is read again, the search kept
        assertThat(trip.locator("td").nth(2)).hasText("draft");
        Page visitor = chromium.newUser("visitor", Chromium.DESKTOP);
        visitor.navigate(stack.baseUrl() + "/#/trips?q=" + suffix);
        assertThat(visitor.locator("#main p.empty")).hasText("No trips match these filters."); // a draft is not public

        trip.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
        Locator edit = paul.locator("#editor form[aria-label='Edit " + title + "']"); // replaces the creation form
        assertThat(edit.locator("input[name=title]")).hasValue(title);
        String renamed = "Lake Tai orchards by bike " + suffix;
        edit.locator("input[name=title]").fill(renamed);
        edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(edit.locator("[role=status]")).containsText("Saved (id ");
        assertThat(trip.locator("td").nth(1)).hasText(renamed);

        trip.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish")).click();
        assertThat(trip.locator("td").nth(2)).hasText("published");
        Chromium.screenshot(paul, "21-catalogue-published");
        visitor.reload();
        assertThat(visitor.locator("#trip-list article h3")).hasText(new String[] {renamed});

        trip.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Archive")).click();
        assertThat(trip.locator("td").nth(2)).hasText("archived");
        visitor.reload();
        assertThat(visitor.locator("#main p.empty")).hasText("No trips match these filters.");
    }

    @Test
    @Order(10)
    void theTripListsFiltersAndPagesAreInTheUrlAndSurviveAReload() {
        Page visitor = chromium.newUser("browser", Chromium.DESKTOP);
        visitor.navigate(stack.baseUrl() + "/#/trips");
        assertThat(visitor.locator("#trip-list article").first()).isVisible();
        visitor.locator("select[name=sortby]").selectOption("title");
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(visitor).hasURL(Pattern.compile(".*#/trips\\?sortby=title&order=asc"));
        JsonNode first = DemoData.read(stack, "/v1/trips?sortby=title&order=asc&page=1&per_page=12");
        JsonNode second = DemoData.read(stack, "/v1/trips?sortby=title&order=asc&page=2&per_page=12");
        long pages = (first.path("total").asLong() + 11) / 12;
        Assertions.assertThat(pages).as("the demo catalogue fills more than one page").isGreaterThan(1);
        Locator titles = visitor.locator("#trip-list article h3");
        Locator pager = visitor.locator("nav.pager");
        assertThat(titles).hasText(titlesOf(first));
        assertThat(pager).containsText("Page 1 of " + pages);

        pager.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next")).click();
        assertThat(visitor).hasURL(Pattern.compile(".*#/trips\\?sortby=title&order=asc&page=2&per_page=12"));
        assertThat(titles).hasText(titlesOf(second));
        assertThat(pager).containsText("Page 2 of " + pages);
        visitor.reload();
        assertThat(titles).hasText(titlesOf(second));
        assertThat(visitor.locator("select[name=sortby]")).hasValue("title");
        Chromium.screenshot(visitor, "22-trips-page-2");

        JsonNode demoTrip = DemoData.read(stack, "/v1/trips/" + demo.tripId());
        String destination = demoTrip.path("destinationId").asString();
        String priceMax = String.valueOf((long) Math.ceil(demoTrip.path("price").asDouble()));
        visitor.locator("select[name=destination_id]").selectOption(destination);
        visitor.locator("input[name=price_max]").fill(priceMax);
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        // a new search starts at page 1
        assertThat(visitor).hasURL(Pattern.compile(".*#/trips\\?destination_id=" + destination + "&price_max=" + priceMax + "&sortby=title&order=asc"));
        JsonNode filtered = DemoData.read(stack, "/v1/trips?destination_id=" + destination + "&price_max=" + priceMax
                + "&sortby=title&order=asc&page=1&per_page=12");
        assertThat(visitor.locator("#trip-count")).hasText(filtered.path("total").asLong() + " trips");
        assertThat(titles).hasText(titlesOf(filtered));
        assertThat(titles.filter(new Locator.FilterOptions().setHasText(demo.tripTitle()))).hasCount(1);
        visitor.reload();
        assertThat(visitor.locator("select[name=destination_id]")).hasValue(destination);
        assertThat(visitor.locator("input[name=price_max]")).hasValue(priceMax);
        assertThat(titles).hasText(titlesOf(filtered));
        Chromium.screenshot(visitor, "23-trips-filtered");
    }

    private static String[] titlesOf(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.path("items").forEach(trip -> titles.add(trip.path("title").asString()));
        return titles.toArray(String[]::new);
    }

    /** The id in the editor's "Saved (id 42)." */
    private static String savedId(Locator editor) {
        Matcher id = Pattern.compile("Saved \\(id (\\d+)\\)").matcher(editor.locator("[role=status]").textContent());
        Assertions.assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static String uniqueSuffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Page admin() {
        if (admin == null) {
            admin = signedIn("admin", Chromium.DESKTOP);
        }
        return admin;
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

    private void logIn(Page page, String account) {
        logIn(page, account, stack.demoPassword());
    }

    /** Keyboard only: type, Tab, type, Enter. */
    private static void logIn(Page page, String account, String password) {
        page.waitForURL(Pattern.compile(".*#/login.*"));
        page.locator("input[name=account]").focus();
        page.keyboard().type(account);
        page.keyboard().press("Tab");
        page.keyboard().type(password);
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
