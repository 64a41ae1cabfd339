package dev.atelier.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;

import io.restassured.http.ContentType;

/**
 * The reference web app in a real Chromium against the running stack, as two people use it: sign up, generate
 * and watch the job, search, open, edit, share, trash and restore, upload, profile, cancel, delete the account —
 * and the second person never sees anything of the first. Every screen is saved under target/screenshots, and
 * no page may log a console error or throw.
 */
class WebClientIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern JOB_PAGE = Pattern.compile(".*/jobs/[0-9a-f-]{36}$");
    private static final Pattern IMAGE_PAGE = Pattern.compile(".*/images/[0-9a-f-]{36}$");

    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    private static Browser browser;
    private final List<Browser.Tab> tabs = new java.util.ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        browser = Browser.launch();
        RunningStack.get();
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void closeTabs() {
        tabs.forEach(Browser.Tab::close);
    }

    @Test
    void aNewUserSignsUpGeneratesWatchesTheJobAndFindsTheImagesInTheGallery() {
        Browser.Tab ada = tab();
        Page page = ada.page;
        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile(".*/signin$"));
        ada.screenshot("01-sign-in");

        signUpWithTheKeyboard(ada, "Ada");
        assertThat(page).hasURL(Pattern.compile(".*/generate$"));
        assertThat(page.getByTestId("remaining")).hasText("10");
        assertThat(page.getByTestId("credits")).hasText("10 credits");

        page.getByLabel("Prompt", EXACT).fill("a lighthouse on a cliff at dusk");
        page.getByLabel("Images", EXACT).selectOption("2");
        page.getByLabel("Provider", EXACT).selectOption(RunningStack.SLOW_PROVIDER);
        assertThat(page.locator(".cost")).containsText("Cost: 2 credits");
        ada.screenshot("02-generate");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate").setExact(true)).click();

        // The job page follows the job live: its progress bar shows while it runs, then the images appear.
        assertThat(page).hasURL(JOB_PAGE);
        assertThat(page.getByLabel("Progress")).isVisible();
        // Live: the status moves on the open page, pushed by the event stream (nothing reloads it).
        assertThat(page.locator(".job .badge")).hasText("running");
        ada.screenshot("03-job-running");
        assertThat(page.locator(".job .badge")).hasText("succeeded", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.getByLabel("Progress")).hasCount(0);
        assertThat(page.locator(".job .grid img")).hasCount(2);
        waitForImages(page, ".job .grid img", 2);
        assertThat(page.getByTestId("credits")).hasText("8 credits");
        ada.screenshot("04-job-succeeded");

        generate(page, "a red kite over the dunes", 3);
        assertThat(page.getByTestId("credits")).hasText("5 credits");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gallery").setExact(true)).first().click();
        assertThat(page.locator("ul.grid > li")).hasCount(5);
        waitForImages(page, "ul.grid img", 5);
        ada.screenshot("05-gallery");
        page.setViewportSize(390, 844);
        ada.screenshot("05-gallery-phone");
        page.setViewportSize(1280, 900);

        // Fuzzy search: a typo still finds the lighthouse, and only it.
        page.getByLabel("Search", EXACT).fill("lighthose");
        page.getByLabel("Search", EXACT).press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*\\?q=lighthose$"));
        assertThat(page.locator("ul.grid > li")).hasCount(2);
        assertThat(page.locator("ul.grid")).not().containsText("kite");
        ada.screenshot("06-search");

        // A reload keeps the session (the refresh token is an HttpOnly cookie, never visible to scripts).
        page.reload();
        assertThat(page.locator("ul.grid > li")).hasCount(2);
        Cookie refresh = ada.context.cookies().stream().filter(c -> c.name.equals("atelier_refresh")).findFirst()
                .orElseThrow();
        assertTrue(refresh.httpOnly, "refresh cookie is HttpOnly");
        assertEquals("/api/v1/auth", refresh.path);
        assertEquals("", page.evaluate("() => document.cookie"), "no cookie readable by scripts");

        // Signing out ends the session for good: the cookie is gone and a reload stays signed out.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile(".*/signin$"));
        assertTrue(ada.context.cookies().stream().noneMatch(c -> c.name.equals("atelier_refresh")));
        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile(".*/signin$"));
        assertNoConsoleErrors(ada);
    }

    @Test
    void anImageIsRenamedTaggedSharedTrashedAndRestored() {
        Browser.Tab ada = tab();
        Page page = ada.page;
        signUpWithTheKeyboard(ada, "Grace");
        generate(page, "a quiet harbour in the fog", 1);
        page.locator(".job .grid a").first().click();
        assertThat(page).hasURL(IMAGE_PAGE);
        waitForImages(page, ".detail-image img", 1);

        page.getByLabel("Name", EXACT).fill("Harbour study");
        page.getByLabel("Tags", EXACT).fill("sea, Fog ,  morning");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS).last()).hasText("Saved");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("☆ Add to favourites").setExact(true)).click();
        assertThat(page.locator("#image-title")).hasText("★ Harbour study");
        assertThat(page.getByLabel("Tags", EXACT)).hasValue("sea, fog, morning");

        page.getByLabel("Link expires after", EXACT).selectOption("PT1H");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create share link").setExact(true)).click();
        String shareUrl = page.getByLabel(Pattern.compile("Anyone with this link")).inputValue();
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Working share links").setExact(true))
                .getByRole(AriaRole.LISTITEM)).hasCount(1);
        ada.screenshot("07-image-detail");

        // Someone without an account opens the link in their own browser and gets the picture.
        try (Browser.Tab stranger = browser.open()) {
            Response shown = stranger.page.navigate(shareUrl);
            assertEquals(200, shown.status());
            assertTrue(shown.headerValue("content-type").startsWith("image/"), shown.headerValue("content-type"));
        }

        // Download opens the original from a presigned link in a new tab.
        Page original = ada.context.waitForPage(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download").setExact(true)).click());
        original.waitForLoadState();
        assertTrue(original.url().contains("X-Amz-Signature="), original.url());
        original.close();

        // The tag filter finds it; the favourite filter too.
        page.navigate("/?tag=fog&favorite=true");
        assertThat(page.locator("ul.grid > li")).hasCount(1);
        assertThat(page.locator("ul.grid")).containsText("Harbour study");
        page.locator("ul.grid a").first().click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move to trash").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile(".*/trash$"));
        assertThat(page.locator(".trash-list > li")).hasCount(1);
        ada.screenshot("08-trash");
        page.navigate("/");
        assertThat(page.getByText("No images yet.")).isVisible();

        page.navigate("/trash");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore Harbour study").setExact(true)).click();
        assertThat(page).hasURL(IMAGE_PAGE);
        assertThat(page.locator("#image-title")).hasText("★ Harbour study");
        page.navigate("/");
        assertThat(page.locator("ul.grid > li")).hasCount(1);

        // Regenerate makes a new job from the image, with the same prompt.
        page.locator("ul.grid a").first().click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Regenerate").setExact(true)).click();
        assertThat(page).hasURL(JOB_PAGE);
        assertThat(page.locator(".job .badge")).hasText("succeeded");
        assertThat(page.locator(".job")).containsText("a quiet harbour in the fog");
        assertThat(page.locator(".job .grid img")).hasCount(1);
        assertNoConsoleErrors(ada);
    }

    @Test
    void anotherUserNeverSeesTheFirstUsersImages() {
        Browser.Tab ada = tab();
        signUpWithTheKeyboard(ada, "Hedy");
        generate(ada.page, "a secret garden of glass roses", 1);
        ada.page.locator(".job .grid a").first().click();
        assertThat(ada.page).hasURL(IMAGE_PAGE);
        String adasImage = URI.create(ada.page.url()).getPath();

        Browser.Tab bob = tab();
        signUpWithTheKeyboard(bob, "Bob");
        bob.page.navigate("/");
        assertThat(bob.page.getByText("No images yet.")).isVisible();
        bob.page.navigate("/?q=secret%20garden%20roses");
        assertThat(bob.page.getByText("No image matches.")).isVisible();
        assertNoConsoleErrors(bob);

        bob.page.navigate(adasImage);
        assertThat(bob.page.getByRole(AriaRole.ALERT)).containsText("not found", new com.microsoft.playwright
                .assertions.LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
        assertFalse(bob.page.content().contains("glass roses"), "nothing of Ada's image on Bob's page");
        bob.screenshot("09-other-users-image");
        // The only console lines are the 404s the browser logs for Ada's image.
        assertTrue(bob.errors.stream().allMatch(e -> e.contains("404")), bob.errors.toString());
    }

    @Test
    void aRunningJobIsCanceledFromItsPageAndItsCreditsComeBack() {
        Browser.Tab ada = tab();
        String email = signUpWithTheKeyboard(ada, "Lin");
        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .when().post("/api/v1/auth/signin").then().statusCode(200).extract().path("accessToken");
        String job = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("prompt", "a slow sunrise over the mountains", "style", "artistic", "count", 4,
                        "provider", RunningStack.SLOW_PROVIDER))
                .when().post("/api/v1/generations").then().statusCode(202).extract().path("id");

        Page page = ada.page;
        page.navigate("/jobs/" + job);
        Locator cancel = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel").setExact(true));
        cancel.click();
        assertThat(page.locator(".job .badge")).hasText("canceled");
        assertThat(page.getByText("Canceled. The credits it held are back.")).isVisible();
        assertThat(page.getByTestId("credits")).hasText(Pattern.compile("(10|9|8|7|6) credits"));
        ada.screenshot("10-job-canceled");
        assertNoConsoleErrors(ada);
    }

    @Test
    void aUserUploadsAnImageSeesTheProfileAndDeletesTheAccount() throws IOException {
        Browser.Tab ada = tab();
        Page page = ada.page;
        String email = signUpWithTheKeyboard(ada, "Mary");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Upload").setExact(true)).click();
        page.getByLabel(Pattern.compile("^Image")).setInputFiles(png());
        page.getByLabel("Name (optional)", EXACT).fill("My sketch");
        page.getByLabel("Style (optional)", EXACT).selectOption("minimal");
        ada.screenshot("11-upload");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload").setExact(true)).click();
        assertThat(page).hasURL(IMAGE_PAGE);
        assertThat(page.locator("#image-title")).hasText("My sketch");
        waitForImages(page, ".detail-image img", 1);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mary").setExact(true)).click();
        assertThat(page.getByTestId("stat-images")).hasText("1");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Mary Somerville");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save name").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mary Somerville").setExact(true))).isVisible();
        assertThat(page.locator(".usage caption")).hasText("Usage log");
        String newPassword = "a brand new passphrase for mary";
        page.getByLabel("Current password", EXACT).fill(PASSWORD);
        page.getByLabel("New password", EXACT).fill(newPassword);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS).last()).hasText("Password changed");
        ada.screenshot("12-profile");

        page.getByLabel("Your password", EXACT).fill(newPassword);
        page.getByLabel("Type \"delete\" to confirm", EXACT).fill("delete");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my account").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile(".*/signin\\?deleted=1$"));
        assertThat(page.getByText("Your account and all its images were deleted.")).isVisible();
        assertNoConsoleErrors(ada);

        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", newPassword))
                .when().post("/api/v1/auth/signin").then().statusCode(401);
    }

    @Test
    void theGalleryLoadsTheNextPageAsItScrolls() throws IOException {
        Browser.Tab ada = tab();
        String email = signUpWithTheKeyboard(ada, "Ida");
        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .when().post("/api/v1/auth/signin").then().statusCode(200).extract().path("accessToken");
        Path file = png();
        for (int i = 1; i <= 30; i++) {
            given().header("Authorization", "Bearer " + token).multiPart("file", file.toFile(), "image/png")
                    .multiPart("name", "Sketch " + i).when().post("/api/v1/uploads").then().statusCode(201);
        }

        Page page = ada.page;
        page.navigate("/");
        // One page (24) first; the rest comes when the end of the grid scrolls into view.
        assertThat(page.locator("ul.grid > li")).hasCount(24);
        page.locator("ul.grid > li").last().scrollIntoViewIfNeeded();
        page.mouse().wheel(0, 5_000);
        assertThat(page.locator("ul.grid > li")).hasCount(30);
        assertThat(page.locator("ul.grid > li").last()).containsText("Sketch 1");
        assertNoConsoleErrors(ada);
    }

    @Test
    void otherOriginsGetNoCorsPermissionSoTheCookieCannotBeUsedCrossSite() {
        String origin = "https://evil.example";
        io.restassured.response.Response preflight = given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-atelier-client,content-type")
                .when().options("/api/v1/auth/refresh");
        assertEquals(null, preflight.header("Access-Control-Allow-Origin"), "preflight: " + preflight.headers());
        io.restassured.response.Response page = given().header("Origin", origin).when().get("/");
        assertEquals(null, page.header("Access-Control-Allow-Origin"));
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    private Browser.Tab tab() {
        Browser.Tab tab = browser.open();
        tabs.add(tab);
        return tab;
    }

    /** Signs up from the sign-in page using only the keyboard; returns the email. */
    private static String signUpWithTheKeyboard(Browser.Tab tab, String name) {
        Page page = tab.page;
        page.navigate("/signin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account").setExact(true)).focus();
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/signup$"));
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        page.getByLabel("Name", EXACT).focus();
        page.keyboard().type(name);
        page.keyboard().press("Tab");
        page.keyboard().type(email);
        page.keyboard().press("Tab");
        page.keyboard().type(PASSWORD);
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/generate$"));
        return email;
    }

    /** Submits from the generate page with the default provider and waits for the job to succeed. */
    private static void generate(Page page, String prompt, int count) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generate").setExact(true)).click();
        page.getByLabel("Prompt", EXACT).fill(prompt);
        page.getByLabel("Images", EXACT).selectOption(Integer.toString(count));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate").setExact(true)).click();
        assertThat(page).hasURL(JOB_PAGE);
        assertThat(page.locator(".job .badge")).hasText("succeeded");
        assertThat(page.locator(".job .grid img")).hasCount(count);
    }

    /** Every matching image has loaded its bytes (from the presigned S3 URL). */
    private static void waitForImages(Page page, String selector, int count) {
        page.waitForFunction("([selector, count]) => { const images = [...document.querySelectorAll(selector)];"
                + " return images.length === count && images.every(i => i.complete && i.naturalWidth > 0); }",
                List.of(selector, count));
    }

    /** Nothing on the console, and no WCAG 2.1 A/AA violation on any screen it took a screenshot of. */
    private static void assertNoConsoleErrors(Browser.Tab tab) {
        assertEquals(List.of(), tab.errors, "console errors");
        assertEquals(List.of(), tab.accessibility, "accessibility violations (axe-core)");
    }

    private static Path png() throws IOException {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 200) << 8 | 0x80);
            }
        }
        Path file = Files.createTempFile("upload-", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
