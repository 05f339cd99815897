package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;
import org.entente.survey.SurveyServiceTest;
import org.entente.survey.domain.Tokens;
import org.entente.survey.stream.InvitationLog;
import org.entente.testing.AxeScan;
import org.entente.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The respondent form in a real headless Chromium: a personal link shows the form, an incomplete form is refused,
 * a complete one is confirmed and its response is on the topic, a used link is refused, the return link changes
 * the answers, and unknown or closed links get a clear page; the respondent never signs in. The organizer signs in
 * with the form, works on the organizer pages and signs out; a viewer who signs in is told the organizer pages are
 * not for them. Skipped only when Chromium is not installed.
 */
class RespondentFormBrowserTest extends SurveyServiceTest {

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(1200, 900);
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void a_respondent_answers_through_a_personal_link() throws Exception {
        String assessmentId = openAssessment("acme", Map.of("title", "Q1 check"));
        String link = personalLink(assessmentId, "SALES", "STAFF");

        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(link);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Q1 check");
        assertThat(browser.findElements(By.cssSelector("fieldset.statement"))).hasSize(20);
        assertThat(browser.findElements(By.cssSelector("fieldset.statement legend"))).hasSize(20);
        AxeScan.assertNoViolations(browser, "the respondent form");

        List<Integer> chosen = new ArrayList<>();
        for (int statement = 1; statement <= 20; statement++) {
            chosen.add((statement * 3) % 5 + 1);
        }
        for (int statement = 1; statement <= 12; statement++) {
            choose(statement, chosen.get(statement - 1));
        }
        browser.findElement(By.id("send")).click();

        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.isDisplayed()).isTrue();
        assertThat(summary.getText()).contains("Please answer every statement").contains("Statement 13")
                .contains("Statement 20").doesNotContain("Statement 12\n");
        assertThat(browser.getCurrentUrl()).isEqualTo(link);
        assertThat(browser.findElements(By.id("confirmation"))).isEmpty();
        assertThat(browser.findElement(By.id("statement-13")).getAttribute("aria-invalid")).isEqualTo("true");
        AxeScan.assertNoViolations(browser, "the respondent form with its error summary");
        screenshot("form-refused.png");

        for (int statement = 13; statement <= 20; statement++) {
            choose(statement, chosen.get(statement - 1));
        }
        assertThat(browser.findElement(By.id("error-summary")).isDisplayed()).isFalse();
        screenshot("form-desktop.png");
        browser.findElement(By.id("send")).click();

        assertThat(waitFor(By.cssSelector("#confirmation h1")).getText())
                .isEqualTo("Thank you, your answers are in");
        String returnLink = browser.findElement(By.id("return-link")).getAttribute("href");
        assertThat(browser.getCurrentUrl()).isEqualTo(returnLink + "/thanks");
        screenshot("form-confirmation.png");
        AxeScan.assertNoViolations(browser, "the confirmation page");
        browser.navigate().refresh();
        assertThat(waitFor(By.cssSelector("#confirmation h1")).getText()).isEqualTo("Thank you, your answers are in");

        List<SurveyResponseSubmitted> onTopic = readUntil(Topics.RESPONSES, seen -> seen.stream()
                .anyMatch(r -> r.getAssessmentId().equals(assessmentId)));
        SurveyResponseSubmitted response = onTopic.stream().filter(r -> r.getAssessmentId().equals(assessmentId))
                .findFirst().orElseThrow();
        assertThat(response.getSource()).isEqualTo("web");
        assertThat(response.getFunction()).isEqualTo(BusinessFunction.SALES);
        assertThat(response.getRole()).isEqualTo(Role.STAFF);
        assertThat(response.getAnswers()).isEqualTo(chosen);
        assertThat(get("/api/assessments/" + assessmentId).body().path("responses").path("sales").path("staff")
                .asInt()).isEqualTo(1);

        // The personal link has been used.
        browser.get(link);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link has already been used");
        AxeScan.assertNoViolations(browser, "the used-link page");
        assertThat(browser.findElements(By.id("survey-form"))).isEmpty();
        assertThat(status(link)).isEqualTo(410);
        assertThat(get("/api/assessments/" + assessmentId + "/invitations").body().path("answered").asInt())
                .isEqualTo(1);

        // The return link changes the answers: same respondent, all fives now.
        browser.get(returnLink);
        assertThat(browser.findElement(By.cssSelector(".intro")).getText()).contains("changing the answers");
        for (int statement = 1; statement <= 20; statement++) {
            choose(statement, 5);
        }
        browser.findElement(By.id("send")).click();
        assertThat(waitFor(By.cssSelector("#confirmation h1")).getText())
                .isEqualTo("Your answers have been updated");
        List<SurveyResponseSubmitted> both = readUntil(Topics.RESPONSES, seen -> seen.stream()
                .filter(r -> r.getAssessmentId().equals(assessmentId)).count() == 2);
        assertThat(both.stream().filter(r -> r.getAssessmentId().equals(assessmentId))
                .map(SurveyResponseSubmitted::getRespondentId).distinct()).hasSize(1);
        assertThat(get("/api/assessments/" + assessmentId).body().path("responses").path("total").asInt())
                .isEqualTo(1);

        // No link's secret is on any topic the service writes: only the SHA-256 of each, on the internal one.
        String secondReturnLink = browser.findElement(By.id("return-link")).getAttribute("href");
        List<String> onTopics = rawRecords(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name(), InvitationLog.TOPIC);
        for (String url : List.of(link, returnLink, secondReturnLink)) {
            String token = url.substring(url.lastIndexOf('/') + 1);
            assertThat(onTopics).noneMatch(record -> record.contains(token));
            assertThat(onTopics).anyMatch(record -> record.contains(Tokens.hash(token)));
        }
    }

    @Test
    void the_form_fits_a_phone() throws Exception {
        String assessmentId = openAssessment("acme", Map.of("title", "Phone check"));
        String link = personalLink(assessmentId, "MARKETING", "HEAD");

        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(link);
            choose(1, 4);
            // Keyboard: arrow keys move within a statement's scale, and the focused choice is outlined.
            browser.findElement(By.id("s1-4")).sendKeys(Keys.ARROW_RIGHT);
            assertThat(browser.findElement(By.id("s1-5")).isSelected()).isTrue();
            String outline = (String) ((ChromeDriver) browser).executeScript(
                    "return getComputedStyle(document.querySelector(\"label[for='s1-5']\")).outlineStyle;");
            assertThat(outline).isEqualTo("solid");
            Number pageWidth = (Number) ((ChromeDriver) browser)
                    .executeScript("return document.documentElement.scrollWidth;");
            Number viewport = (Number) ((ChromeDriver) browser).executeScript("return window.innerWidth;");
            assertThat(pageWidth.intValue()).isLessThanOrEqualTo(viewport.intValue());
            assertThat(browser.findElement(By.cssSelector(".intro")).getText()).contains("the head of Marketing");
            screenshot("form-phone.png");
            AxeScan.assertNoViolations(browser, "the respondent form on a phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1200, 900));
        }
    }

    @Test
    void a_named_assessment_tells_the_respondent_plainly_that_answers_are_not_anonymous() throws Exception {
        String anonymous = personalLink(openAssessment("acme", Map.of("title", "Anonymous round")), "SALES", "STAFF");
        browser.get(anonymous);
        assertThat(browser.findElements(By.id("named-notice"))).isEmpty();
        assertThat(browser.findElement(By.id("anonymous-note")).getText()).contains("never shown on their own");

        String named = personalLink(openAssessment("acme", Map.of("title", "Named round", "named", true,
                "anonymityThreshold", 1)), "SALES", "HEAD");
        browser.get(named);
        assertThat(browser.findElement(By.id("named-notice")).getText())
                .startsWith("Your answers are not anonymous.");
        assertThat(browser.findElements(By.id("anonymous-note"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("never shown on their own");
        AxeScan.assertNoViolations(browser, "the named respondent form");
        screenshot("form-named.png");
    }

    @Test
    void unknown_and_closed_links_get_a_clear_page() throws Exception {
        browser.get(baseUrl() + "/r/not-a-real-token");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link does not work");
        AxeScan.assertNoViolations(browser, "the unknown-link page");
        assertThat(status(baseUrl() + "/r/not-a-real-token")).isEqualTo(404);

        String assessmentId = openAssessment("acme", Map.of("title", "Closing soon"));
        String link = personalLink(assessmentId, "SALES", "HEAD");
        post("/api/assessments/" + assessmentId + "/close", "");
        browser.get(link);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This survey has closed");
        AxeScan.assertNoViolations(browser, "the closed-survey page");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    @Test
    void the_server_refuses_an_incomplete_form_even_without_javascript() throws Exception {
        String assessmentId = openAssessment("acme", Map.of("title", "No script"));
        String link = personalLink(assessmentId, "SALES", "STAFF");
        // A respondent's own HTTP client, with cookies: the form's CSRF token belongs to its session.
        HttpClient respondent = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = respondent.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();

        HttpResponse<String> reply = respondent.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("s1=3&s2=4&s3=9&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("Please answer every statement").contains("Statement 3")
                .contains("Statement 20");
        assertThat(get("/api/assessments/" + assessmentId).body().path("responses").path("total").asInt()).isZero();
        assertThat(status(link)).isEqualTo(200);

        // Without the form's token (a post forged from another site) nothing is taken, even when complete.
        StringBuilder complete = new StringBuilder();
        for (int statement = 1; statement <= 20; statement++) {
            complete.append(statement == 1 ? "" : "&").append("s").append(statement).append("=4");
        }
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(complete.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(get("/api/assessments/" + assessmentId).body().path("responses").path("total").asInt()).isZero();
    }

    @Test
    void a_shared_link_takes_one_response_per_person() throws Exception {
        String assessmentId = openAssessment("acme", Map.of("title", "Shared"));
        Reply shared = post("/api/assessments/" + assessmentId + "/shared-links",
                Map.of("function", "MARKETING", "role", "STAFF"));
        assertThat(shared.status()).isEqualTo(201);
        String link = shared.body().path("url").asString();

        for (int person = 0; person < 2; person++) {
            browser.get(link);
            for (int statement = 1; statement <= 20; statement++) {
                choose(statement, 2 + person);
            }
            browser.findElement(By.id("send")).click();
            assertThat(waitFor(By.cssSelector("#confirmation h1")).getText())
                    .isEqualTo("Thank you, your answers are in");
        }

        assertThat(get("/api/assessments/" + assessmentId).body().path("responses").path("marketing")
                .path("staff").asInt()).isEqualTo(2);
    }

    @Test
    void an_organizer_signs_in_opens_an_assessment_hands_out_links_and_sees_the_counts_rise() throws Exception {
        browser.manage().window().setSize(new Dimension(1200, 900));
        chromium.signIn(baseUrl(), "organizer", PASSWORD);
        try {
            browser.get(baseUrl() + "/");
            assertThat(browser.findElement(By.id("signed-in")).getText()).contains("signed in as organizer (Admin)")
                    .contains("Sign out");
            AxeScan.assertNoViolations(browser, "the organizer's list of assessments");
            browser.findElement(By.id("organization")).sendKeys("initrode");
            browser.findElement(By.id("title")).sendKeys("Autumn check-up");
            browser.findElement(By.cssSelector("label[for='fastChangingMarket']")).click();
            browser.findElement(By.cssSelector("form[action$='/assessments'] button[type=submit]")).click();

            assertThat(waitFor(By.cssSelector("h1 .badge")).getText()).isEqualTo("OPEN");
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Autumn check-up");
            String assessmentId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
            assertThat(get("/api/assessments/" + assessmentId).body().path("context").path("fastChangingMarket")
                    .asBoolean()).isTrue();

            browser.findElement(By.id("labels")).sendKeys("East region, desk 4\nWest region, desk 9");
            browser.findElement(By.cssSelector("form[action$='/links'] button[type=submit]")).click();
            waitFor(By.id("new-links"));
            List<WebElement> links = browser.findElements(By.cssSelector("#new-links code.link"));
            assertThat(links).hasSize(2);
            assertThat(browser.findElements(By.cssSelector("#reminders tbody tr"))).hasSize(2);
            assertThat(browser.findElement(By.id("reminders")).getText()).contains("East region, desk 4");
            screenshot("organizer.png");
            AxeScan.assertNoViolations(browser, "the organizer's assessment page with new links");
            String link = links.get(0).getText();

            signOut();

            // The respondent has no account: the link is all they need.
            browser.get(link);
            for (int statement = 1; statement <= 20; statement++) {
                choose(statement, 3);
            }
            browser.findElement(By.id("send")).click();
            waitFor(By.id("confirmation"));
            // Signed out, the organizer page asks who is there.
            browser.get(baseUrl() + "/assessments/" + assessmentId);
            assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl() + "/login");

            chromium.signIn(baseUrl(), "organizer", PASSWORD);
            browser.get(baseUrl() + "/assessments/" + assessmentId);
            assertThat(browser.findElement(By.id("count-total")).getText()).isEqualTo("1");
            assertThat(browser.findElement(By.id("count-sales")).getText()).isEqualTo("1");
            assertThat(browser.findElements(By.cssSelector("#reminders tbody tr"))).hasSize(1);
            assertThat(browser.findElement(By.id("reminders")).getText()).contains("West region, desk 9")
                    .doesNotContain("East region, desk 4");
            AxeScan.assertNoViolations(browser, "the organizer's assessment page with a response");
            browser.get(baseUrl() + "/");
            AxeScan.assertNoViolations(browser, "the organizer's list of assessments with one in it");
        } finally {
            signOut();
        }
    }

    @Test
    void a_sales_viewer_who_signs_in_is_shown_why_the_organizer_page_is_closed_to_them() {
        chromium.signIn(baseUrl(), "sales", PASSWORD);
        try {
            browser.get(baseUrl() + "/");

            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Forbidden");
            assertThat(browser.findElement(By.tagName("p")).getText())
                    .contains("signed in as sales (Sales viewer)").contains("needs Admin");
            assertThat(browser.findElements(By.id("organization"))).isEmpty();
            AxeScan.assertNoViolations(browser, "the refusal page");
        } finally {
            signOut();
        }
    }

    @Test
    void the_sign_in_page_names_the_product_and_the_service() throws Exception {
        signOut();
        browser.get(baseUrl() + "/login");
        assertThat(browser.getTitle()).isEqualTo("Sign in · survey-service · Entente");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to survey-service");
        AxeScan.assertNoViolations(browser, "the sign-in page");
        browser.findElement(By.name("username")).sendKeys("organizer");
        browser.findElement(By.name("password")).sendKeys("not the password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(waitFor(By.id("sign-in-error")).getText()).contains("did not match");
        AxeScan.assertNoViolations(browser, "the sign-in page after a wrong password");
        assertThat(status(baseUrl() + "/favicon.ico")).as("the favicon, without credentials").isEqualTo(200);
        browser.get(baseUrl() + "/login?logout");
        assertThat(browser.findElement(By.id("signed-out")).getText()).isEqualTo("You have been signed out.");
        AxeScan.assertNoViolations(browser, "the sign-in page after signing out");
    }

    /** Signs out with the button the page offers (the header's, or the refusal page's), and waits for it. */
    private void signOut() {
        browser.get(baseUrl() + "/");
        List<WebElement> buttons = browser.findElements(By.cssSelector("form[action$='/logout'] button"));
        if (!buttons.isEmpty()) {
            buttons.get(0).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/login?logout"));
        }
    }

    private String personalLink(String assessmentId, String function, String role) throws Exception {
        Reply invited = post("/api/assessments/" + assessmentId + "/invitations",
                Map.of("function", function, "role", role, "count", 1));
        assertThat(invited.status()).isEqualTo(201);
        return invited.body().path("links").path(0).path("url").asString();
    }

    private static void choose(int statement, int value) {
        browser.findElement(By.cssSelector("label[for='s" + statement + "-" + value + "']")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("s" + statement + "-" + value))
                .isSelected());
    }

    /** The element, once the page the last click led to shows it. */
    private static WebElement waitFor(By locator) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(locator).isEmpty());
        return browser.findElement(locator);
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void screenshot(String name) throws Exception {
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, 0);");
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
