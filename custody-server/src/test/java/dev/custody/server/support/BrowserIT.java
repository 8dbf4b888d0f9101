package dev.custody.server.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.logging.LogType;

/**
 * Base of the browser tests: the whole server as in {@link CustodyIT}, and one Chromium shared by the tests of a
 * class ({@link #browser}). A test that needs a second person opens another {@link Browser} and closes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserIT extends CustodyIT {

    protected Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(port);
    }

    /** Each test sees only what the browser logged during it. */
    @BeforeEach
    void forgetBrowserLog() {
        browser.driver().manage().logs().get(LogType.BROWSER);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
