package dev.custody.server.pages;

import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab technician's start page: the prioritised queue that updates itself, the scan box, and the device page
 * it opens, scoped to the force as the API is.
 */
class LabQueueBrowserIT extends BrowserIT {

    @BeforeEach
    void signIn() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("lab");
    }

    /**
     * A device seized long ago, so it is near the top of the shared lab's queue whatever other tests left there:
     * time-sensitive data, a victim with enhanced rights and the most overdue return come first.
     */
    private Device seizeLongAgo() {
        return Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minus(Duration.ofDays(400))));
    }

    @Test
    void theQueueListsTheLabsDevicesWithTheirReasonsAndUpdatesWithoutAReload() {
        Device first = seizeLongAgo().labReceipt(now().minus(Duration.ofDays(399)));
        first.status("lab");

        browser.go("/lab");
        assertThat(browser.path()).isEqualTo("/lab");
        String row = "tr[data-device='" + first.id() + "']";
        assertThat(browser.text(By.cssSelector(row))).contains("Mobile phone", "DP-2026-0042", "At the lab",
                "overdue by", "Data at risk of disappearing", "Return within 24 hours: overdue by");
        assertThat(browser.text(By.cssSelector(row))).as("rules in words, not code names").doesNotContain("RETURN_24H");
        assertThat(browser.focused().getAttribute("id")).as("the scan box has the focus").isEqualTo("code");
        browser.check("lab-queue");

        // The page stays as it is (no reload) while a second device arrives at the lab.
        ((JavascriptExecutor) browser.driver()).executeScript("window.custodyNotReloaded = true");
        browser.waitUntil("the page has subscribed to the lab's changes", b -> (Boolean) ((JavascriptExecutor)
                b.driver()).executeScript("return document.querySelector('[sse-connect]') !== null"
                + " && htmx !== undefined"));
        Device second = seizeLongAgo().labReceipt(now().minus(Duration.ofDays(398)));
        browser.waitUntil("the second device appears in the queue",
                b -> !b.driver().findElements(By.cssSelector("tr[data-device='" + second.id() + "']")).isEmpty());
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.custodyNotReloaded"))
                .as("updated in place, not reloaded").isEqualTo(true);
        browser.assertNoBrowserErrors("lab-queue-updated");
    }

    @Test
    void scanningADevicesCodeOpensItsPage() {
        Device device = seizeLongAgo();
        browser.go("/lab");
        browser.waitFor(By.id("code"));
        // A USB scanner types into whatever has the focus, then presses Enter.
        browser.type(device.id(), Keys.ENTER);
        browser.waitUntil("the device page opens", b -> b.path().equals("/devices/" + device.id()));

        assertThat(browser.text(By.cssSelector("[data-test=stage]"))).isEqualTo("Seized");
        assertThat(browser.text(By.cssSelector("[data-test=seal]"))).isEqualTo("SEAL-001");
        assertThat(browser.text(By.cssSelector("[data-test=timeline]"))).contains("Seized", "officer");
        assertThat(browser.text(By.cssSelector("[data-test=actions]"))).contains("Receive at the lab");
        assertThat(browser.focused().getAttribute("id")).as("the scan box is focused on the device page too")
                .isEqualTo("code");
        browser.check("device-seized");
    }

    @Test
    void anUnknownCodeSaysSoAndKeepsTheBoxFocused() {
        browser.go("/lab");
        browser.waitFor(By.id("code"));
        browser.type("NOT-A-LABEL", Keys.ENTER);
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.text(By.id("code-error"))).contains("No device matches this code");
        assertThat(browser.focused().getAttribute("id")).as("ready for the next scan").isEqualTo("code");
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        browser.check("scan-unknown");

        // The next scan goes straight into the box.
        Device device = seizeLongAgo();
        browser.focused().clear();
        browser.type(device.id(), Keys.ENTER);
        browser.waitUntil("the device page opens", b -> b.path().equals("/devices/" + device.id()));
    }

    @Test
    void anotherForcesDeviceIsNotFound() {
        Device met = Device.seize(api, "met-officer", "met-lab", Requests.seizeVictimPhone(now().minusSeconds(600)));
        browser.go("/devices/" + met.id());
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Page not found");
        String notFound = browser.driver().findElement(By.tagName("main")).getText();
        browser.check("device-not-found");

        browser.go("/devices/" + java.util.UUID.randomUUID());
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .as("exactly as a device that does not exist").isEqualTo(notFound);

        browser.go("/scan?code=" + met.id());
        assertThat(browser.text(By.id("code-error"))).contains("No device matches this code");
    }

    @Test
    void theDevicePageWarnsWhenTheDeviceChangesWhileItIsOpen() {
        Device device = seizeLongAgo();
        browser.go("/devices/" + device.id());
        browser.waitUntil("the page has subscribed to the device's changes", b -> (Boolean) ((JavascriptExecutor)
                b.driver()).executeScript("return typeof htmx !== 'undefined'"));
        device.labReceipt(Instant.from(now().minus(Duration.ofDays(399))));
        browser.waitFor(By.cssSelector("[data-test=changes]"));
        assertThat(browser.text(By.cssSelector("[data-test=changes]"))).contains("Received at dyfed-powys-dfu");
        browser.check("device-changed-while-open");
    }
}
