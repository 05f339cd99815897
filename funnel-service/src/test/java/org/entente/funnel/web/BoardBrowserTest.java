package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.entente.testing.AxeScan;
import org.entente.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live board in headless Chromium, signed in with the form as a viewer: an event published while the page is
 * open shows up without a reload; a visitor who is not signed in is sent to the sign-in page and back; a board whose
 * session ended says so.
 */
class BoardBrowserTest extends EmbeddedBrokerTest {

    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @Autowired
    private LiveStreams liveStreams;

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.start(1480, 1180, "--lang=en-US");
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A morning in boardco's funnel, in the last hours before the test. */
    private void seed(FunnelEvents boardco, Instant now) {
        List<FunnelEvent> events = new java.util.ArrayList<>();
        String[][] marketing = {
                {"L-101", "CUSTOMER_AWARENESS"}, {"L-102", "BRAND_AWARENESS"}, {"L-103", "BRAND_AWARENESS"},
                {"L-104", "BRAND_AWARENESS"}, {"L-105", "BRAND_CONSIDERATION"}, {"L-106", "BRAND_CONSIDERATION"},
                {"L-107", "BRAND_PREFERENCE"}, {"L-108", "BRAND_PREFERENCE"}, {"L-109", "BRAND_PREFERENCE"}};
        int i = 0;
        for (String[] lead : marketing) {
            FunnelStep step = FunnelStep.valueOf(lead[1]);
            events.add(boardco.entered("b-" + i++, lead[0], FunnelStep.CUSTOMER_AWARENESS, hoursAgo(now, 40)));
            if (step != FunnelStep.CUSTOMER_AWARENESS) {
                events.add(boardco.entered("b-" + i++, lead[0], step, hoursAgo(now, 30 - i * 0.5)));
            }
        }
        events.add(boardco.handedOff("b-h1", "L-108", hoursAgo(now, 6)));
        events.add(boardco.handedOff("b-h2", "L-109", hoursAgo(now, 20)));
        for (String lead : List.of("L-201", "L-202", "L-203", "L-204")) {
            events.add(boardco.entered("b-" + lead + "-p", lead, FunnelStep.BRAND_PREFERENCE, now.minusSeconds(40_000)));
            events.add(boardco.handedOff("b-" + lead + "-h", lead, now.minusSeconds(30_000)));
        }
        events.add(boardco.accepted("b-a1", "L-201", now.minusSeconds(26_000)));
        events.add(boardco.accepted("b-a2", "L-202", now.minusSeconds(22_000)));
        events.add(boardco.accepted("b-a3", "L-203", now.minusSeconds(28_000)));
        events.add(boardco.rejected("b-r1", "L-204", "Company too small for field sales", now.minusSeconds(27_000)));
        events.add(boardco.recycled("b-c1", "L-204", now.minusSeconds(20_000)));
        events.add(boardco.opportunity("b-o1", "L-201", "ACC-55", 90_000_000, now.minusSeconds(25_000)));
        events.add(boardco.reviewRequested("b-v1", "L-201", "brochure-7", now.minusSeconds(24_000)));
        events.add(boardco.entered("b-s1", "L-202", FunnelStep.PURCHASE, now.minusSeconds(9_000)));
        events.add(boardco.contributed("b-m1", "L-203", Team.MARKETING, FunnelStep.PURCHASE_INTENTION,
                MarketingContribution.CASE_STUDY, now.minusSeconds(6_000)));
        events.add(boardco.won("b-w1", "L-203", "ACC-77", 4_800_000, 1_900_000, now.minusSeconds(5_000)));
        events.add(boardco.entered("b-s2", "L-301", FunnelStep.LOYALTY, now.minusSeconds(50_000)));
        events.add(boardco.won("b-w2", "L-301", "ACC-12", 12_500_000, 5_200_000, now.minusSeconds(49_000)));
        events.add(boardco.entered("b-s3", "L-301", FunnelStep.ADVOCACY, now.minusSeconds(3_000)));
        events.add(boardco.base("b-l1", "L-302", FunnelEventType.LOST, null, Team.SALES, now.minusSeconds(4_000))
                .setReason("Chose a competitor").build());
        events.forEach(this::publishDirectly);
    }

    private static Instant hoursAgo(Instant now, double hours) {
        return now.minusSeconds((long) (hours * 3600));
    }

    @Test
    void aHandoffPublishedWhileTheBoardIsOpenAppearsWithoutAReload() throws IOException {
        awaitReady();
        FunnelEvents boardco = FunnelEvents.of("boardco");
        Instant now = Instant.now();
        seed(boardco, now);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/funnel/metrics?organization=boardco").body()
                .contains("\"wins\":2"));

        chromium.signIn(url(""), MARKETING_VIEWER, PASSWORD);
        browser.get(url("/?organization=boardco"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElement(By.id("who")).getText())
                .isEqualTo("signed in as " + MARKETING_VIEWER + " (Marketing viewer) · Sign out");
        assertThat(browser.findElement(By.cssSelector("#step-BRAND_AWARENESS .count")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("#step-BRAND_AWARENESS .label")).getText())
                .isEqualTo("Brand awareness");
        assertThat(browser.findElements(By.cssSelector("#handoffs .handoff"))).hasSize(2);
        assertThat(browser.findElement(By.id("top-accounts")).getText()).contains("1 ACC-55 $900,000 L-201");
        assertThat(browser.findElement(By.id("reviews")).getText()).startsWith("brochure-7 for L-201, due ");
        ((JavascriptExecutor) browser).executeScript("window.sameLoad = 'still here';");

        String response = postJson("/api/funnel/events", """
                {"organization":"boardco","leadId":"L-105","type":"HANDED_OFF","team":"MARKETING",
                 "actor":"maria@marketing","accountId":"ACC-31"}""").body();
        assertThat(response).contains("eventId");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#handoffs .handoff[data-lead='L-105']"))).hasSize(1);
            assertThat(browser.findElement(By.id("feed")).getText()).contains("maria@marketing handed L-105 off to Sales");
            assertThat(browser.findElement(By.id("handoff-count")).getText()).isEqualTo("3");
        });
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameLoad;")).isEqualTo("still here");
        assertThat(browser.findElement(By.cssSelector("#m-acceptance .value")).getText()).isEqualTo("75%");
        assertThat(browser.findElement(By.cssSelector("#step-ADVOCACY .count")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#m-marketing-part .value")).getText()).isEqualTo("50%");
        assertThat(browser.findElement(By.cssSelector("#m-marketing-part .sub")).getText())
                .isEqualTo("1 of 2 won deals · Case study 1");
        postJson("/api/funnel/events", """
                {"organization":"boardco","leadId":"L-202","type":"STAGE_ENTERED","step":"PURCHASE","team":"MARKETING",
                 "actor":"maria@marketing","contribution":"PRICING_ADVICE"}""");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.findElement(By.id("feed"))
                .getText()).contains("maria@marketing (Marketing) contributed pricing advice to L-202 at Purchase"));
        postJson("/api/funnel/events", """
                {"organization":"boardco","leadId":"L-201","type":"STAGE_ENTERED","team":"SALES","actor":"sam@sales",
                 "collateralReview":{"collateralId":"brochure-7","status":"APPROVED"}}""");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.findElement(By.id("feed"))
                .getText()).contains("sam@sales (Sales) approved collateral brochure-7 for L-201"));
        AxeScan.assertNoViolations(browser, "the board, as a Marketing viewer");

        Files.writeString(Path.of("target", "boardco-metrics.json"),
                get("/api/funnel/metrics?organization=boardco").body());
        await().pollDelay(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Path screenshot = Path.of("target", "board.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(screenshot).isNotEmptyFile();

        // The period picker: this quarter's figures, each against the quarter before.
        Select period = new Select(browser.findElement(By.id("period")));
        String quarter = period.getOptions().get(1).getText();
        assertThat(quarter).matches("\\d{4}-Q[1-4]");
        period.selectByIndex(1);
        String previousQuarter = org.entente.funnel.domain.Period.parse(quarter).previous().label();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(browser.findElement(By.cssSelector("#m-customers .sub")).getText())
                        .endsWith(" vs " + previousQuarter));
        assertThat(browser.findElement(By.id("m-recycle")).getAttribute("title")).startsWith("Recycled ÷ rejected");
    }

    @Test
    void anOrganizationWithoutEventsGetsAnEmptyButLiveBoard() throws IOException {
        awaitReady();
        chromium.signIn(url(""), SALES_VIEWER, PASSWORD);
        browser.get(url("/?organization=newco"));

        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElement(By.id("who-role")).getText()).isEqualTo("Sales viewer");
        assertThat(browser.findElement(By.id("no-handoffs")).getText()).isEqualTo("No lead is waiting for Sales.");
        assertThat(browser.findElement(By.cssSelector("#m-win-rate .value")).getText()).isEqualTo("–");
        assertThat(browser.findElement(By.id("total-SALES")).getText()).isEqualTo("0 leads");
        assertThat(browser.findElement(By.id("no-top-accounts")).getText())
                .isEqualTo("No open opportunity carries an amount yet.");
        assertThat(browser.findElement(By.id("no-reviews")).getText()).isEqualTo("No collateral is waiting for Sales.");
        Files.write(Path.of("target", "board-empty.png"), browser.getScreenshotAs(OutputType.BYTES));
        AxeScan.assertNoViolations(browser, "an empty board, as a Sales viewer");
    }

    @Test
    void aVisitorWhoIsNotSignedInSignsInAndLandsBackOnTheBoard() {
        awaitReady();
        browser.get(url("/?organization=signco"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
        assertThat(browser.getTitle()).isEqualTo("Sign in · funnel-service · Entente");
        AxeScan.assertNoViolations(browser, "the sign-in page");
        assertThat(get("/favicon.ico", null).statusCode()).as("the favicon, without credentials").isEqualTo(200);

        signInOnThisPage(SALES_VIEWER);

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().startsWith(url("/?")));
        assertThat(browser.getCurrentUrl()).contains("organization=signco");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElement(By.id("organization")).getText()).isEqualTo("signco");
        assertThat(browser.findElement(By.id("who-name")).getText()).isEqualTo(SALES_VIEWER);
    }

    @Test
    void aBoardWhoseSessionEndedAsksThePersonToSignInAgain() throws IOException {
        awaitReady();
        chromium.signIn(url(""), MARKETING_VIEWER, PASSWORD);
        browser.get(url("/?organization=expireco"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElement(By.id("signed-out")).isDisplayed()).isFalse();

        // The session ends (as it would by expiring), then the server ends the open streams (as a restart would):
        // the browser reconnects without a session and the stream answers 401.
        browser.manage().deleteCookieNamed("ENTENTE_FUNNEL_SESSION");
        liveStreams.stop();
        liveStreams.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("signed-out")).isDisplayed());
        assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("signed out");
        assertThat(browser.findElement(By.id("signed-out")).getText()).contains("Your session has ended");
        assertThat(browser.findElement(By.id("who")).isDisplayed()).as("no longer 'signed in as'").isFalse();
        Files.write(Path.of("target", "board-signed-out.png"), browser.getScreenshotAs(OutputType.BYTES));
        AxeScan.assertNoViolations(browser, "a board whose session ended");

        browser.findElement(By.id("sign-in-again")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().equals(url("/login")));
        signInOnThisPage(MARKETING_VIEWER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("organization=expireco"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
    }

    @Test
    void signingOutEndsTheSession() {
        awaitReady();
        chromium.signIn(url(""), SALES_VIEWER, PASSWORD);
        browser.get(url("/?organization=outco"));
        browser.findElement(By.id("sign-out")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/login"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
        browser.get(url("/?organization=outco"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
    }

    private void signInOnThisPage(String user) {
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }
}
