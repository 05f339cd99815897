package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.entente.events.FunnelStep;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.Period;
import org.entente.testing.AxeScan;
import org.entente.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin pages in headless Chromium, signed in with the form as an admin: a target with mistakes comes back with
 * each field marked, a right one is saved and measured on the board (attainment and sales expense to sales, for
 * the admin and for a Sales viewer alike); a directory contact is edited and the edit removed. Each page is scanned
 * with axe-core (WCAG 2.1 A and AA).
 */
class AdminPagesBrowserTest extends EmbeddedBrokerTest {

    private HeadlessChromium chromium;
    private ChromeDriver browser;

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

    @Test
    void anAdminSetsATargetThatBothTeamsSeeMeasuredOnTheBoard() throws IOException {
        awaitReady();
        String quarter = Period.parse(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + "-Q"
                + ((java.time.LocalDate.now(java.time.ZoneOffset.UTC).getMonthValue() - 1) / 3 + 1)).label();
        FunnelEvents pageco = FunnelEvents.of("pageco");
        Instant now = Instant.now();
        publishDirectly(pageco.entered("p-1", "P-1", FunnelStep.PURCHASE_INTENTION, now.minusSeconds(120)));
        publishDirectly(pageco.won("p-2", "P-1", "ACC-P", 500_000_00, 100_000_00, now.minusSeconds(60)));

        chromium.signIn(url(""), ADMIN_USER, PASSWORD);
        browser.get(url("/admin/targets?organization=pageco"));
        assertThat(browser.findElement(By.id("no-targets")).getText()).contains("No target");
        AxeScan.assertNoViolations(browser, "the targets page, empty");

        fill("period", "2026-Q5");
        fill("target", "two million");
        browser.findElement(By.id("save-target")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("errors")).isEmpty());
        assertThat(browser.findElement(By.id("errors")).getText()).contains("The form has mistakes",
                "neither a quarter", "is not an amount");
        assertThat(browser.findElement(By.id("period")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("target-error")).getText()).contains("is not an amount");
        AxeScan.assertNoViolations(browser, "the targets page with mistakes");

        fill("period", quarter);
        fill("target", "2,000,000");
        fill("expense", "100000");
        browser.findElement(By.id("save-target")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("saved")).isEmpty());
        WebElement row = browser.findElement(By.cssSelector("#targets tr[data-period='" + quarter + "']"));
        assertThat(row.getText()).contains("$2,000,000.00", "$100,000.00");
        Files.write(Path.of("target", "admin-targets.png"), browser.getScreenshotAs(OutputType.BYTES));
        AxeScan.assertNoViolations(browser, "the targets page with a target");

        assertMeasuredOnTheBoard(quarter, "the board with a target, as an admin");
        assertThat(browser.findElement(By.id("admin-targets")).getAttribute("href"))
                .endsWith("/admin/targets?organization=pageco");
        browser.findElement(By.id("sign-out")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/login"));
        chromium.signIn(url(""), SALES_VIEWER, PASSWORD);
        assertMeasuredOnTheBoard(quarter, "the board with a target, as a Sales viewer");
        assertThat(browser.findElements(By.id("admin-targets"))).as("no admin link for a viewer").isEmpty();
        browser.get(url("/admin/targets?organization=pageco"));
        assertThat(browser.getPageSource()).contains("this needs Admin");
    }

    @Test
    void anAdminEditsTheDirectoryAndRemovesTheEdit() throws IOException {
        awaitReady();
        chromium.signIn(url(""), ADMIN_USER, PASSWORD);
        browser.get(url("/admin/directory?organization=callco"));
        By brandManager = By.cssSelector("#directory tr[data-role='brand-manager']");
        assertThat(browser.findElement(brandManager).getText()).contains("Brand manager on duty", "configuration");
        AxeScan.assertNoViolations(browser, "the directory page");

        fill("role", "Brand Manager!");
        browser.findElement(By.id("save-contact")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("errors")).isEmpty());
        assertThat(browser.findElement(By.id("role-error")).getText()).contains("lower case");
        assertThat(browser.findElement(By.id("name-error")).getText()).isEqualTo("name is required");
        AxeScan.assertNoViolations(browser, "the directory page with mistakes");

        fill("role", "brand-manager");
        fill("name", "Pat Page");
        fill("address", "#callco-brand");
        browser.findElement(By.id("save-contact")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("saved")).isEmpty());
        assertThat(browser.findElement(brandManager).getText()).contains("Pat Page", "#callco-brand", "callco",
                "edited");
        Files.write(Path.of("target", "admin-directory.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(get("/api/funnel/directory?organization=callco").body()).contains("\"name\":\"Pat Page\"");

        browser.findElement(By.cssSelector("#directory tr[data-role='brand-manager'] button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(brandManager).getText()
                .contains("Brand manager on duty"));
        assertThat(browser.findElement(brandManager).getText()).contains("configuration");
    }

    private void assertMeasuredOnTheBoard(String quarter, String what) {
        browser.get(url("/?organization=pageco"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElement(By.cssSelector("#m-attainment .sub")).getText())
                .isEqualTo("pick a quarter or a month");
        assertThat(browser.findElement(By.id("m-attainment")).getAttribute("title"))
                .startsWith("Target attainment: amounts won in the period ÷ the revenue target");
        assertThat(browser.findElement(By.id("m-expense-ratio")).getAttribute("title"))
                .startsWith("Sales expense to total sales: the sales expense");
        new Select(browser.findElement(By.id("period"))).selectByVisibleText(quarter);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(browser.findElement(By.cssSelector("#m-attainment .value")).getText()).isEqualTo("25%");
            assertThat(browser.findElement(By.cssSelector("#m-attainment .sub")).getText())
                    .startsWith("$500,000 won of $2,000,000");
            assertThat(browser.findElement(By.cssSelector("#m-expense-ratio .value")).getText()).isEqualTo("20%");
            assertThat(browser.findElement(By.cssSelector("#m-expense-ratio .sub")).getText())
                    .startsWith("$100,000 expense on $500,000 won");
        });
        AxeScan.assertNoViolations(browser, what);
    }

    private void fill(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
