package dev.custody.server.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Browser;
import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab technician's day with a seized phone, in a real browser and with the keyboard alone: scan it, receive it,
 * download, verify and examine it, and mark it ready for collection. And two people at once: nothing is
 * overwritten, and the one who was late is told what changed.
 */
class LabJourneyBrowserIT extends BrowserIT {

    private static final String HASH = DeviceSteps.HASH;

    @BeforeEach
    void signIn() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("lab");
    }

    private Device seizePhone() {
        return Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minusSeconds(3600)));
    }

    private void openStep(String label) {
        DeviceSteps.open(browser, label);
    }

    private void expectDone(String device, String message, String stage) {
        DeviceSteps.expectDone(browser, device, message, stage);
    }

    @Test
    void aTechnicianTakesAPhoneThroughTheLabWithTheKeyboardAlone() {
        Device phone = seizePhone();
        String id = phone.id();

        browser.go("/lab");
        browser.waitFor(By.id("code"));
        browser.type(id, Keys.ENTER);
        browser.waitUntil("the device page opens", b -> b.path().equals("/devices/" + id));

        openStep("Receive at the lab");
        assertThat(browser.text(By.cssSelector("[data-test=seal-at-seizure]"))).contains("SEAL-001");
        assertThat(browser.focused().getAttribute("id")).isEqualTo("sealCheck-sealNumber");
        browser.check("lab-receive");
        browser.type("SEAL-001", Keys.ENTER);
        expectDone(id, "Received at the lab", "At the lab");
        browser.check("lab-received");

        openStep("Start a download");
        browser.type("UFED 7.6", Keys.ENTER);
        expectDone(id, "Download started", "Downloading");

        openStep("Complete the download");
        // One round of errors: a hash that is not one, and no size.
        browser.type("not-a-hash", Keys.ENTER);
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        assertThat(browser.focused().getAttribute("class")).contains("govuk-error-summary");
        List<String> links = new ArrayList<>();
        browser.driver().findElements(By.cssSelector(".govuk-error-summary__list a"))
                .forEach(a -> links.add(a.getAttribute("href").replaceAll(".*#", "#")));
        assertThat(links).contains("#sizeBytes");
        browser.check("lab-download-completion-errors");
        browser.tabTo(By.id("sha256")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.type(HASH, Keys.TAB, "64000000000", Keys.ENTER);
        expectDone(id, "Download completed", "Downloaded");

        openStep("Verify the download");
        browser.type(HASH, Keys.ENTER);
        expectDone(id, "Download verified", "Download verified");

        openStep("Start the examination");
        assertThat(browser.focused().getAttribute("data-test")).as("nothing to fill in: the button").isEqualTo("save");
        browser.type(Keys.ENTER);
        expectDone(id, "Examination started", "Being examined");

        openStep("Complete the examination");
        browser.type(Keys.SPACE); // "Yes", relevant material was found
        browser.type(Keys.TAB, "Messages of 2 November recovered");
        browser.tabTo(By.cssSelector("[data-test=save]"));
        browser.type(Keys.ENTER);
        expectDone(id, "Examination completed", "Examined");

        openStep("Mark ready for collection");
        browser.check("lab-ready-for-collection");
        browser.tabTo(By.cssSelector("[data-test=save]"));
        browser.type(Keys.ENTER);
        expectDone(id, "Marked ready for collection", "Ready for collection");
        browser.check("lab-journey-done");

        List<String> types = new ArrayList<>();
        for (JsonNode event : history(id)) {
            types.add(event.get("type").asText());
        }
        assertThat(types).containsExactly("DeviceSeized", "DeviceReceivedAtLab", "DownloadStarted",
                "DownloadCompleted", "DownloadVerified", "ExaminationStarted", "ExaminationCompleted",
                "DeviceReadyForCollection");
        JsonNode events = history(id);
        assertThat(events.get(1).get("actor").get("id").asText()).as("the actor is the signed-in person").isEqualTo("lab");
        assertThat(events.get(6).toString()).contains("Messages of 2 November recovered");
    }

    @Test
    void twoTechniciansReceiveOnePhoneAtOnceAndTheSecondIsToldNothingWasOverwritten() {
        Device phone = seizePhone();
        String receive = "/devices/" + phone.id() + "/lab/receive";
        try (Browser other = Browser.open(port)) {
            other.signIn("lab");
            browser.go(receive);
            other.go(receive);
            browser.waitFor(By.id("sealCheck-sealNumber"));
            other.waitFor(By.id("sealCheck-sealNumber"));

            other.type("SEAL-001", Keys.ENTER);
            other.waitUntil("the other is done", b -> b.path().equals("/devices/" + phone.id()));

            browser.type("SEAL-002", Keys.ENTER);
            browser.waitFor(By.cssSelector("[data-test=changed]"));
            assertThat(browser.text(By.cssSelector("[data-test=changed]")))
                    .contains("This device changed since you opened the form", "Received at dyfed-powys-dfu", "lab");
            assertThat(browser.text(By.cssSelector("[data-test=stage]"))).isEqualTo("At the lab");
            browser.check("lab-changed-since");
        }
        JsonNode events = history(phone.id());
        assertThat(events).hasSize(2);
        assertThat(events.get(1).toString()).as("the first receipt stands").contains("SEAL-001").doesNotContain("SEAL-002");
    }

    @Test
    void aFormDrawnBeforeSomeoneElsesStepIsAskedAgainWithItsAnswers() {
        Device phone = seizePhone();
        phone.labReceipt(now());
        browser.go("/devices/" + phone.id() + "/lab/download");
        browser.waitFor(By.id("tool")).sendKeys("XRY 10.2");

        phone.replacementIssued(now()); // the officer lends a phone meanwhile: a step that changes the version

        browser.type(Keys.ENTER);
        browser.waitFor(By.cssSelector("[data-test=changed]"));
        assertThat(browser.text(By.cssSelector("[data-test=changed]"))).contains("Replacement 1 lent", "officer");
        assertThat(browser.driver().findElement(By.id("tool")).getAttribute("value")).as("the answer is kept")
                .isEqualTo("XRY 10.2");
        assertThat(history(phone.id())).as("nothing stored").hasSize(3);

        browser.tabTo(By.cssSelector("[data-test=save]"));
        browser.type(Keys.ENTER);
        expectDone(phone.id(), "Download started", "Downloading");
        assertThat(history(phone.id()).get(3).toString()).contains("XRY 10.2");
    }
}
