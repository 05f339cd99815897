package org.entente.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs axe-core (the webjar on the class path) in the page the browser shows and fails when it finds a WCAG 2.0 or
 * 2.1 level A or AA violation, with a list a person can act on: rule, impact, the elements' selectors and what is
 * wrong with the first of them. The page tests call it on every page a person uses, signed in as that person.
 *
 * <p>What it does not do: axe-core finds the violations a machine can see (contrast, names, labels, landmarks,
 * ARIA); it cannot judge whether a text is clear or a focus order makes sense. Rules that axe-core marks
 * "incomplete" (it could not decide, e.g. text over an image) are not failures here. Frames are not scanned: our
 * pages have none. The scan waits (10 s at most) until the page's finite animations have ended, so an element
 * fading in is judged as it will be seen.
 */
public final class AxeScan {

    /** The WCAG 2.1 AA conformance tags of axe-core. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final String SCRIPT = readScript();

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
              .then(result => done(result.violations.map(v => ({
                  id: v.id, impact: v.impact || '', help: v.help,
                  targets: v.nodes.map(n => n.target.join(' ')),
                  summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : '' }))))
              .catch(error => done('axe-core failed: ' + error));
            """;

    /** True once no animation that ends is still running: a row fading in is judged as it ends up, not halfway. */
    private static final String SETTLED = "return document.getAnimations().every(a => a.playState !== 'running'"
            + " || !a.effect || a.effect.getComputedTiming().endTime === Infinity);";

    private AxeScan() {
    }

    /** Scans the page as it is now; fails with the list of violations, naming the page as {@code page}. */
    public static void assertNoViolations(WebDriver driver, String page) {
        List<Map<String, Object>> violations = violations(driver);
        if (!violations.isEmpty()) {
            throw new AssertionError(describe(page, driver.getCurrentUrl(), violations));
        }
    }

    /**
     * Scans the page as Chromium lays it out for printing ({@code @media print}, through the DevTools protocol), then
     * lays it out for the screen again.
     */
    public static void assertNoViolationsWhenPrinted(ChromeDriver driver, String page) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            Object printing = driver.executeScript("return matchMedia('print').matches;");
            if (!Boolean.TRUE.equals(printing)) {
                throw new AssertionError("Chromium did not lay out " + page + " for print");
            }
            assertNoViolations(driver, page + " (print)");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /** The violations axe-core finds on the page as it is now: id, impact, help, targets, summary. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> violations(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(page.executeScript(SETTLED)));
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object';"))) {
            page.executeScript(SCRIPT);
        }
        Object result = page.executeAsyncScript(RUN, TAGS);
        if (result instanceof String failure) {
            throw new IllegalStateException(failure);
        }
        return (List<Map<String, Object>>) result;
    }

    static String describe(String page, String url, List<Map<String, Object>> violations) {
        StringBuilder text = new StringBuilder().append("axe-core found ").append(violations.size())
                .append(" WCAG 2.1 A/AA violation(s) on ").append(page).append(" (").append(url).append("):");
        for (Map<String, Object> violation : violations) {
            List<?> targets = (List<?>) violation.get("targets");
            text.append("\n- ").append(violation.get("id")).append(" (").append(violation.get("impact")).append("): ")
                    .append(violation.get("help")).append(", ").append(targets.size()).append(" element(s): ")
                    .append(targets.stream().limit(8).map(String::valueOf).collect(Collectors.joining(" | ")))
                    .append(targets.size() > 8 ? " | ..." : "")
                    .append("\n    first: ").append(String.valueOf(violation.get("summary")).replace("\n", " "));
        }
        return text.toString();
    }

    private static String readScript() {
        ClassLoader loader = AxeScan.class.getClassLoader();
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the axe-core webjar is not on the class path");
            }
            pom.load(in);
            String path = "META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                if (script == null) {
                    throw new IllegalStateException(path + " is not in the axe-core webjar");
                }
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
