package org.entente.advice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.ReportFixtures;
import org.entente.events.AlignmentContext;
import org.entente.events.StageClassified;
import org.entente.testing.AxeScan;
import org.entente.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The report page in a real headless Chromium, fed through the real broker, seen by a Sales viewer who signed in
 * with the form. Writes target/report.png (the whole page), target/report-top.png (the first screen),
 * target/report-print.png (with the print style sheet) and target/report.pdf (as printed). */
@AdviceServiceTest
class ReportPageBrowserTest extends AdviceServiceTest.Support {

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(1280, 1000, "--hide-scrollbars");
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A request as the admin, for waiting until the service has caught up. */
    private static HttpRequest asAdmin(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + AdviceServiceTest.Credentials.ADMIN_TOKEN).build();
    }

    /** A fresh browser session: no one signed in. */
    private void signOutEveryone() {
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.manage().deleteAllCookies();
    }

    private void signInAsSales() {
        signOutEveryone();
        chromium.signIn("http://127.0.0.1:" + port, AdviceServiceTest.Credentials.SALES,
                AdviceServiceTest.Credentials.PASSWORD);
    }

    @Test
    void theReportShowsStageRecommendationActionsAndTwentyStatements() throws Exception {
        String organization = "northwind-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "q4-" + UUID.randomUUID();
        AlignmentContext commoditizing = AlignmentContext.newBuilder().setMarketCommoditizing(true)
                .setConflictsRecurring(true).build();
        ReportFixtures.publish(brokers, List.of(
                ReportFixtures.opened("q2-" + id, organization, "Q2 baseline", Instant.parse("2026-04-01T09:00:00Z"),
                        commoditizing),
                ReportFixtures.stage("q2-" + id, 7, true, -0.8),
                ReportFixtures.opened("q3-" + id, organization, "Q3 check", Instant.parse("2026-07-01T09:00:00Z"),
                        commoditizing),
                ReportFixtures.stage("q3-" + id, 9, true, -0.35),
                ReportFixtures.opened(id, organization, "Q4 Sales–Marketing check",
                        Instant.parse("2026-10-01T09:00:00Z"), commoditizing),
                ReportFixtures.stage(id, 12, false, 0)));
        String url = "http://127.0.0.1:" + port + "/assessments/" + id;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> page = http.send(asAdmin(url), HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200 && page.body().contains("Q2 baseline") && page.body().contains("Q3 check");
        });

        assertThat(http.send(asAdmin("http://127.0.0.1:" + port + "/"),
                HttpResponse.BodyHandlers.ofString()).body()).contains("Q4 Sales–Marketing check");

        browser.manage().window().setSize(new Dimension(1280, 1000));
        signInAsSales();
        browser.get(url);
        JavascriptExecutor js = browser;
        await().atMost(Duration.ofSeconds(30)).until(() -> js.executeScript(
                "return window.Chart && Chart.getChart('statement-chart') ? true : false").equals(Boolean.TRUE));

        assertThat(browser.findElement(By.id("signed-in-name")).getText()).isEqualTo("sales");
        assertThat(browser.findElement(By.id("signed-in-role")).getText()).isEqualTo("Sales viewer");
        assertThat(browser.findElement(By.id("sign-out")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain("respondentId", "responseId");
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Defined");
        assertThat(browser.findElement(By.id("recommendation")).getText()).isEqualTo("Move up to Aligned");
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("50.4");
        assertThat(((Number) js.executeScript(
                "return Chart.getChart('statement-chart').data.labels.length")).intValue()).isEqualTo(20);
        assertThat(((Number) js.executeScript(
                "return Chart.getChart('statement-chart').data.datasets.length")).intValue()).isEqualTo(2);
        assertThat(((Number) js.executeScript(
                "return Chart.getChart('trend-chart').data.labels.length")).intValue()).isEqualTo(3);
        // Sales and Marketing differ by more than hue: Marketing's bars are hatched, each trend line has its own
        // dash and point shape.
        assertThat(js.executeScript("const d = Chart.getChart('statement-chart').data.datasets;"
                + " return [typeof d[0].backgroundColor, d[1].backgroundColor instanceof CanvasPattern];"))
                .isEqualTo(List.of("string", true));
        assertThat(((Number) js.executeScript("return new Set(Chart.getChart('trend-chart').data.datasets"
                + ".map(d => JSON.stringify([d.borderDash || [], d.pointStyle]))).size")).intValue()).isEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#actions li[data-action-id]")))
                .extracting(e -> e.getAttribute("data-action-id"))
                .containsExactlyInAnyOrder("disciplined-communication", "joint-assignments", "marketing-liaison",
                        "colocation", "sales-feedback");
        assertThat(browser.findElements(By.cssSelector(".trend-table tbody tr"))).hasSize(3);
        AxeScan.assertNoViolations(browser, "the report, as a Sales viewer");
        AxeScan.assertNoViolationsWhenPrinted(browser, "the report, as a Sales viewer");

        Path target = Path.of("target");
        Files.write(target.resolve("report-top.png"), browser.getScreenshotAs(OutputType.BYTES));
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 6000)));
        Files.write(target.resolve("report.png"), browser.getScreenshotAs(OutputType.BYTES));
        Files.write(target.resolve("report.pdf"), Base64.getDecoder().decode(browser.print(new PrintOptions())
                .getContent()));
        assertThat(Files.size(target.resolve("report.png"))).isGreaterThan(10_000);

        // How it looks on paper: the print style sheet at about A4 width.
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        browser.manage().window().setSize(new Dimension(794, 1000));
        js.executeScript("Object.values(Chart.instances).forEach((chart) => chart.resize())");
        long printHeight = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(794, (int) Math.min(printHeight + 40, 8000)));
        Files.write(target.resolve("report-print.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(browser.findElement(By.cssSelector(".print-button")).isDisplayed()).isFalse();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        // The list of assessments the report came from.
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get("http://127.0.0.1:" + port + "/");
        assertThat(browser.getPageSource()).contains("Q4 Sales–Marketing check");
        AxeScan.assertNoViolations(browser, "the list of reports, as a Sales viewer");
    }

    @Test
    void aHoldReportNamesWhatToWorkOnAndHasNoActions() throws Exception {
        String organization = "contoso-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "hold-" + UUID.randomUUID();
        ReportFixtures.publish(brokers, List.of(
                ReportFixtures.opened(id, organization, "Annual check", Instant.parse("2026-09-01T09:00:00Z"),
                        AlignmentContext.newBuilder().setSalesCycleLongOrComplex(true).build()),
                heldBack(ReportFixtures.stage(id, 3, true, 2.0), 2)));
        String url = "http://127.0.0.1:" + port + "/assessments/" + id;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(asAdmin(url),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        browser.manage().window().setSize(new Dimension(1280, 1000));
        signInAsSales();
        browser.get(url);
        JavascriptExecutor js = browser;
        await().atMost(Duration.ofSeconds(30)).until(() -> js.executeScript(
                "return window.Chart && Chart.getChart('statement-chart') ? true : false").equals(Boolean.TRUE));

        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Integrated");
        assertThat(browser.findElement(By.id("recommendation")).getText()).isEqualTo("Hold at Integrated");
        assertThat(browser.findElements(By.id("actions"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".focus-list li"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(((Number) js.executeScript(
                "return Chart.getChart('statement-chart').data.labels.length")).intValue()).isEqualTo(20);
        assertThat(browser.getPageSource()).contains("first assessment of this organization");
        assertThat(browser.findElement(By.id("held-back")).getText())
                .isEqualTo("2 late responses are not shown, to protect anonymity.");
        assertThat(browser.findElement(By.id("anonymity-help")).getText()).contains("How answers stay anonymous",
                "held back for good");
        assertThat(browser.findElements(By.id("named"))).isEmpty();
        Files.write(Path.of("target", "report-hold.png"), browser.getScreenshotAs(OutputType.BYTES));
        AxeScan.assertNoViolations(browser, "a hold report, as a Sales viewer");

        browser.get("http://127.0.0.1:" + port + "/assessments/nobody-" + UUID.randomUUID());
        assertThat(browser.getPageSource()).contains("No report here");
        AxeScan.assertNoViolations(browser, "the not-found page, as a Sales viewer");
    }

    @Test
    void anAssessmentNotScoredYetHasAWaitingPageThatShowsTheReportWhenItComes() throws Exception {
        String organization = "initech-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "waiting-" + UUID.randomUUID();
        ReportFixtures.publish(brokers, List.of(ReportFixtures.opened(id, organization, "First check",
                Instant.parse("2026-11-01T09:00:00Z"), AlignmentContext.newBuilder().build())));
        String url = "http://127.0.0.1:" + port + "/assessments/" + id;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(asAdmin(url),
                HttpResponse.BodyHandlers.ofString()).body().contains("No score yet"));

        signInAsSales();
        browser.get(url);
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("No score yet");
        assertThat(browser.findElements(By.cssSelector("meta[http-equiv=refresh]")))
                .as("no timed refresh (WCAG 2.2.1)").isEmpty();
        AxeScan.assertNoViolations(browser, "the waiting page, as a Sales viewer");

        ReportFixtures.publish(brokers, List.of(ReportFixtures.stage(id, 1, false, 0)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.findElements(By.id("stage")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
    }

    private static StageClassified heldBack(StageClassified stage, int heldBack) {
        stage.setHeldBack(heldBack);
        return stage;
    }

    @Test
    void anUnknownAssessmentIsANotFoundPage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        HttpResponse<String> page = http.send(asAdmin("http://127.0.0.1:" + port + "/assessments/nobody-"
                + UUID.randomUUID()), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No report here", "Signed in as", "id=\"signed-in-name\">api-token<",
                "id=\"signed-in-role\">Admin<")
                .as("a program calling with a token has no session to sign out of").doesNotContain("Sign out");
    }

    @Test
    void aBrowserNotSignedInIsSentToSignInAndThenToTheReportItAskedFor() throws Exception {
        String organization = "fabrikam-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "signin-" + UUID.randomUUID();
        ReportFixtures.publish(brokers, List.of(
                ReportFixtures.opened(id, organization, "Sign-in check", Instant.parse("2026-09-01T09:00:00Z"),
                        AlignmentContext.newBuilder().build()),
                ReportFixtures.stage(id, 2, false, 0.4)));
        String url = "http://127.0.0.1:" + port + "/assessments/" + id;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(asAdmin(url),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        signOutEveryone();
        browser.get(url);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.getTitle()).isEqualTo("Sign in · advice-service · Entente");
        AxeScan.assertNoViolations(browser, "the sign-in page");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("the favicon, without credentials")
                .isEqualTo(200);
        browser.findElement(By.name("username")).sendKeys(AdviceServiceTest.Credentials.MARKETING);
        browser.findElement(By.name("password")).sendKeys(AdviceServiceTest.Credentials.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));

        assertThat(browser.getCurrentUrl()).startsWith(url);
        assertThat(browser.findElement(By.id("report-title")).getText()).isEqualTo("Sign-in check");
        assertThat(browser.findElement(By.id("signed-in-name")).getText()).isEqualTo("marketing");
        assertThat(browser.findElement(By.id("signed-in-role")).getText()).isEqualTo("Marketing viewer");

        // The admin's pages stay closed to a viewer, with a page that says why.
        browser.get("http://127.0.0.1:" + port + "/actuator/info");
        assertThat(browser.getPageSource()).contains("signed in as marketing (Marketing viewer)");

        browser.get(url);
        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
        browser.get(url);
        assertThat(browser.getCurrentUrl()).as("signed out for good").endsWith("/login");
    }
}
