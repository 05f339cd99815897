package org.entente.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, as the page tests of every service use it:
 * a fresh profile in its own temporary folder, no traffic anywhere but this machine, and everything removed again
 * on {@link #close()}.
 *
 * <p>On a machine without Chromium the test calling {@link #start} is skipped, not failed; CI installs it.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a window of this size, plus any further Chromium arguments. */
    public static HeadlessChromium start(int width, int height, String... moreArguments) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed at " + CHROMIUM + " and " + CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("entente-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(moreArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Signs in on a service's sign-in page ({@code baseUrl + "/login"}) with the form, as a person would, and waits
     * until the browser has left the sign-in page.
     */
    public void signIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().contains("/login") || d.getCurrentUrl().contains("error"));
        if (driver.getCurrentUrl().contains("/login")) {
            throw new IllegalStateException("signing in as " + user + " was refused: " + driver.getCurrentUrl());
        }
    }

    /** Quits the browser and its driver and deletes the profile. */
    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
