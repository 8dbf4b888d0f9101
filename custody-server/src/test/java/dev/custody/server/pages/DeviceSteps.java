package dev.custody.server.pages;

import dev.custody.server.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps on the device page as a person takes them with the keyboard, for the officer's and the lab's browser tests:
 * reach a step's button with Tab, fill its form, and land back on the device page with the step done.
 */
final class DeviceSteps {

    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private DeviceSteps() {
    }

    /** On the device page, reaches the step's button with Tab and opens it with Enter. */
    static void open(Browser browser, String label) {
        browser.tabTo(By.linkText(label));
        browser.type(Keys.ENTER);
        browser.waitFor(By.cssSelector("[data-test=step-form]"));
    }

    static void expectDone(Browser browser, String device, String message, String stage) {
        browser.waitUntil("back on the device page", b -> b.path().equals("/devices/" + device));
        assertThat(browser.text(By.cssSelector("[data-test=done]"))).contains(message);
        assertThat(browser.text(By.cssSelector("[data-test=stage]"))).isEqualTo(stage);
    }

    /** Reaches the form's save button with Tab and presses Enter. */
    static void save(Browser browser) {
        browser.tabTo(By.cssSelector("[data-test=save]"));
        browser.type(Keys.ENTER);
    }

    /**
     * The lab's day with a device whose page is open and whose seal reads {@code seal}, without a mistake: receive,
     * download, verify, examine (relevant material found) and mark it ready for collection.
     */
    static void throughTheLab(Browser browser, String device, String seal) {
        open(browser, "Receive at the lab");
        browser.type(seal, Keys.ENTER);
        expectDone(browser, device, "Received at the lab", "At the lab");
        open(browser, "Start a download");
        browser.type("UFED 7.6", Keys.ENTER);
        expectDone(browser, device, "Download started", "Downloading");
        open(browser, "Complete the download");
        browser.type(HASH, Keys.TAB, "64000000000", Keys.ENTER);
        expectDone(browser, device, "Download completed", "Downloaded");
        open(browser, "Verify the download");
        browser.type(HASH, Keys.ENTER);
        expectDone(browser, device, "Download verified", "Download verified");
        open(browser, "Start the examination");
        browser.type(Keys.ENTER);
        expectDone(browser, device, "Examination started", "Being examined");
        open(browser, "Complete the examination");
        browser.type(Keys.SPACE); // "Yes", relevant material was found
        browser.type(Keys.TAB, "Messages of 2 November recovered");
        save(browser);
        expectDone(browser, device, "Examination completed", "Examined");
        open(browser, "Mark ready for collection");
        save(browser);
        expectDone(browser, device, "Marked ready for collection", "Ready for collection");
    }
}
