package org.entente.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scan fails on a page with violations and names them, and passes a page without; skipped without Chromium. */
class AxeScanTest {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.start(800, 600);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void show(String html) {
        chromium.driver().get("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }

    @Test
    void aPageWithFaintTextAndAnUnlabelledFieldFailsWithARuleByRuleList() {
        show("<!DOCTYPE html><html lang=\"en\"><head><title>Faint</title></head><body><main><h1>Faint</h1>"
                + "<p style=\"color:#aaaaaa;background:#ffffff\">Hard to read</p><input type=\"text\"></main></body>"
                + "</html>");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> AxeScan.assertNoViolations(chromium.driver(), "the faint page"));
        String message = failure.getMessage();
        assertTrue(message.contains("on the faint page"), message);
        assertTrue(message.contains("- color-contrast (serious)"), message);
        assertTrue(message.contains("foreground color: #aaaaaa"), message);
        assertTrue(message.contains("- label (critical)"), message);
    }

    @Test
    void aPlainReadablePagePasses() {
        show("<!DOCTYPE html><html lang=\"en\"><head><title>Plain</title></head><body><main><h1>Plain</h1>"
                + "<p>Easy to read</p><label for=\"name\">Name</label><input id=\"name\" type=\"text\"></main>"
                + "</body></html>");
        assertDoesNotThrow(() -> AxeScan.assertNoViolations(chromium.driver(), "the plain page"));
        assertDoesNotThrow(() -> AxeScan.assertNoViolationsWhenPrinted(chromium.driver(), "the plain page"));
    }
}
