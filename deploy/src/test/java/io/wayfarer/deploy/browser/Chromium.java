package io.wayfarer.deploy.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Chromium driven by Playwright — never a browser Playwright downloads (STACK.md): the
 * executable is {@code WAYFARER_CHROMIUM} or {@code /usr/bin/chromium}. Each page records the
 * script errors and console errors it produced, and screenshots go to {@code target/screenshots/}.
 */
final class Chromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    static final int[] PHONE = {390, 844};
    static final int[] DESKTOP = {1280, 860};

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Where the system's Chromium is, if there is one. */
    static Optional<Path> executable() {
        Path path = Path.of(Optional.ofNullable(System.getenv("WAYFARER_CHROMIUM")).orElse("/usr/bin/chromium"));
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    static Chromium launch(Path executable) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    /** A fresh browser profile (its own cookies and storage): one user. */
    Page newUser(String name, int[] viewport) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(viewport[0], viewport[1]));
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        page.onPageError(error -> problems.add(name + ": uncaught " + error));
        page.onConsoleMessage(message -> {
            // a refused request is logged by the browser itself ("Failed to load resource: … 503"); the
            // app shows those as error states, so only script errors count
            if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
                problems.add(name + ": console error " + message.text());
            }
        });
        return page;
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Script and console errors seen so far, on every page. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
