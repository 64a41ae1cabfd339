package dev.atelier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Assumptions;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright (whose driver brings its own Node.js; no browser is downloaded).
 * Without Chromium the browser tests are skipped, unless {@code atelier.browser.required=true} (CI), which makes
 * a missing browser a failure.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Chromium as root in a sandbox-less container, and no calls to Google's services (the network is closed). */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    static Browser launch() {
        Path executable = Path.of(System.getProperty("atelier.browser", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            String why = "no Chromium at " + executable + " (apt-get install chromium, or -Datelier.browser=<path>)";
            if (Boolean.getBoolean("atelier.browser.required")) {
                throw new IllegalStateException("browser tests are required but there is " + why);
            }
            Assumptions.abort("browser tests skipped: " + why);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(FLAGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh profile (no cookies, no storage), like another person's browser. */
    Tab open() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(RunningStack.get().url().toString()).setViewportSize(1280, 900).setLocale("en-GB"));
        return new Tab(context, context.newPage());
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }

    /** One page in its own context, recording every console error and uncaught exception it shows. */
    static final class Tab implements AutoCloseable {
        final BrowserContext context;
        final Page page;
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> accessibility = new CopyOnWriteArrayList<>();

        Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    errors.add(message.text() + " at " + message.location());
                }
            });
            page.onPageError(error -> errors.add("uncaught: " + error));
        }

        /**
         * Saves a screenshot of the whole page and checks it with axe-core against WCAG 2.1 A and AA; violations
         * are collected in {@link #accessibility}.
         */
        void screenshot(String name) {
            AxeResults results = new AxeBuilder(page).withTags(WCAG).analyze();
            results.getViolations().forEach(v -> accessibility.add(name + ": " + v.getId() + " (" + v.getImpact()
                    + ") " + v.getHelp() + " at " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                    .toList()));
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
