package dev.custody.server.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.custody.server.security.DevUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium driven by Selenium, for the browser tests (*BrowserIT). It uses Debian's {@code chromium}
 * and {@code chromium-driver} and never downloads a browser; without them it fails, it never skips.
 * <p>
 * {@link #check(String)} is what every page of a journey goes through: axe-core finds no serious or critical
 * violation, the browser logged no error (a Content-Security-Policy refusal is one), and screenshots are saved under
 * {@code target/screenshots/}, at desktop width and 375 px wide.
 */
public final class Browser implements AutoCloseable {

    public static final int DESKTOP_WIDTH = 1280;
    public static final int NARROW_WIDTH = 375;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    static {
        // axe.txt holds this run's results only: each page's check appends to it.
        try {
            Files.deleteIfExists(SCREENSHOTS.resolve("axe.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** Starts a fresh browser (own profile, so no cookies) for the server at {@code port}. */
    public static Browser open(int port) {
        String chromium = executable("chromium");
        String chromedriver = executable("chromedriver");
        try {
            Path profile = Files.createTempDirectory("custody-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            // Without the networking flags Chromium's own background connections are refused here and slow it down.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP_WIDTH + ",900");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/lib/chromium")) {
            File file = new File(dir, name);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        throw new IllegalStateException(name + " is missing: the browser tests need Debian's chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver); .ci/run installs them");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** The path and query of the page shown, or the whole URL when it is not Custody's (an identity provider's). */
    public String path() {
        String url = driver.getCurrentUrl();
        return url == null || !url.startsWith(base) ? url : url.substring(base.length());
    }

    /** Signs in on the sign-in page as a dev user (password {@code custody}), by keyboard. */
    public Browser signIn(String user) {
        go("/sign-in");
        WebElement username = waitFor(By.id("username"));
        username.clear();
        username.sendKeys(user);
        WebElement password = driver.findElement(By.id("password"));
        password.sendKeys(DevUsers.PASSWORD, Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> !path().startsWith("/sign-in"));
        return this;
    }

    public Browser signOut() {
        driver.findElement(By.cssSelector("[data-test=sign-out]")).click();
        new WebDriverWait(driver, WAIT).until(d -> path().startsWith("/sign-in"));
        return this;
    }

    public WebElement waitFor(By by) {
        return waiting().withMessage(() -> "waiting for " + by + " on " + page())
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void waitUntil(String description, java.util.function.Predicate<Browser> condition) {
        waiting().withMessage(() -> description + "; on " + page()).until(d -> condition.test(this));
    }

    /**
     * A wait that asks again when htmx has swapped an element out between finding it and reading it (the live queue
     * and the admin page's progress replace their sections in place), instead of failing on a stale element.
     */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Where the browser is and what its page says, for a failure's message. */
    private String page() {
        try {
            return path() + ":\n" + driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return path();
        }
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Types into whatever has the focus, as a keyboard (or a USB barcode scanner) does. */
    public Browser type(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses Tab until an element matching {@code by} has the focus (at most 60 times). */
    public WebElement tabTo(By by) {
        WebElement target = driver.findElement(by);
        for (int i = 0; i < 60; i++) {
            if (focused().equals(target)) {
                return target;
            }
            type(Keys.TAB);
        }
        throw new AssertionError("could not reach " + by + " with the Tab key");
    }

    /** The checks every page passes: axe, the browser's console, and screenshots at two widths. */
    public Browser check(String name) {
        assertAccessible(name);
        assertNoBrowserErrors(name);
        screenshot(name);
        return this;
    }

    /** No serious or critical axe-core violation; every result is appended to target/screenshots/axe.txt. */
    public void assertAccessible(String name) {
        Results results = new AxeBuilder().analyze(driver);
        assertThat(results.getErrorMessage()).as("axe-core ran on " + name).isNull();
        List<Rule> violations = results.getViolations();
        String summary = violations.stream()
                .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        record(name + " (" + path() + "): " + violations.size() + " violation(s), " + results.getPasses().size()
                + " rules passed" + (summary.isEmpty() ? "" : "\n" + summary.indent(2)));
        assertThat(violations.stream().filter(r -> BLOCKING_IMPACTS.contains(r.getImpact())).toList())
                .as("serious or critical accessibility violations on " + name + ":\n" + summary)
                .isEmpty();
    }

    /**
     * Nothing the browser logged as an error, such as a refusal by the Content-Security-Policy or a failed load.
     * The page's own status is not an error: a "not found" page is meant to answer 404.
     */
    public void assertNoBrowserErrors(String name) {
        String page = driver.getCurrentUrl() + " - Failed to load resource";
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.startsWith(page))
                .toList();
        assertThat(errors).as("browser errors on " + name).isEmpty();
    }

    /** Full-page screenshots at desktop width and 375 px wide: target/screenshots/{name}.png and {name}-375.png. */
    public void screenshot(String name) {
        Dimension original = driver.manage().window().getSize();
        try {
            capture(name, DESKTOP_WIDTH);
            capture(name + "-375", NARROW_WIDTH);
        } finally {
            driver.manage().window().setSize(original);
        }
    }

    private void capture(String file, int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(width, Math.min(Math.max(height.intValue() + 140, 600), 5000)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void record(String line) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve("axe.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
