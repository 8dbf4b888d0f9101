package dev.custody.server.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's day at a desk: the force's alerts in plain words, why one fired and the history behind it, the
 * device, acknowledging it with a note so it leaves the open list and shows in the log; and extending a device's
 * retention with a reason the victim is told. Scoped to the force as the API is.
 */
class SupervisorBrowserIT extends BrowserIT {

    @BeforeEach
    void signIn() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("supervisor");
    }

    /**
     * A victim's phone seized {@code daysAgo} days ago and never returned: its 24-hour return is long missed, and
     * with the seizure further back than other tests' its breach is the most urgent of the force's.
     */
    private Device seizeLongAgo(String officer, String lab, int daysAgo) {
        return Device.seize(api, officer, lab, Seizure.at(now().minus(Duration.ofDays(daysAgo)))
                .caseReference("SV-" + UUID.randomUUID().toString().substring(0, 8)).timeSensitive(false).json());
    }

    /** The device's RETURN_24H breach, once the engine has raised it. */
    private JsonNode returnBreach(String user, Device device) {
        JsonNode page = Await.until(Duration.ofSeconds(20), () -> api.get(user, "/api/v1/alerts?deviceId="
                + device.id() + "&rule=RETURN_24H&severity=BREACH").json(), p -> p.get("content").size() == 1);
        assertThat(page.get("content")).as(page.toString()).hasSize(1);
        return page.get("content").get(0);
    }

    @Test
    void aSupervisorReadsWhyAnAlertFiredOpensTheDeviceAndAcknowledgesItWithANote() {
        Device phone = seizeLongAgo("officer", "lab", 3000);
        String alertId = returnBreach("supervisor", phone).get("alertId").asText();

        browser.go("/");
        browser.waitUntil("the supervisor's start page", b -> b.path().equals("/supervisor"));
        new Select(browser.waitFor(By.id("rule"))).selectByVisibleText("Return within 24 hours");
        new Select(browser.driver().findElement(By.id("severity"))).selectByVisibleText("Breach");
        browser.driver().findElement(By.cssSelector("[data-test=apply-filters]")).click();
        browser.waitUntil("filtered", b -> b.path().contains("rule=RETURN_24H") && b.path().contains("severity=BREACH"));
        String row = "tr[data-alert='" + alertId + "']";
        assertThat(browser.text(By.cssSelector(row))).contains("Return within 24 hours", "Deadline missed",
                "Mobile phone, case SV-", "A victim's or witness's device not returned within 24 hours", "Overdue by",
                "Open");
        assertThat(browser.text(By.tagName("main"))).as("plain words, never code names")
                .doesNotContain("RETURN_24H", "BREACH", "REPLACEMENT_24H");
        browser.check("supervisor-alerts");

        browser.driver().findElement(By.cssSelector(row + " a[href^='/supervisor/alerts/']")).click();
        browser.waitUntil("the alert's page", b -> b.path().startsWith("/supervisor/alerts/" + alertId));
        assertThat(browser.text(By.cssSelector("[data-test=why]")))
                .isEqualTo("A victim's or witness's device not returned within 24 hours");
        assertThat(browser.text(By.cssSelector("[data-test=lateness]"))).startsWith("Overdue by 2999d");
        assertThat(browser.text(By.cssSelector("[data-test=timeline]"))).contains("Seized", "officer");
        assertThat(browser.text(By.cssSelector("[data-test=alert-log]"))).contains("Raised");
        browser.check("supervisor-alert");

        // The device's page, where its whole record is, and back.
        browser.driver().findElement(By.cssSelector("[data-test=device-link]")).click();
        browser.waitUntil("the device page", b -> b.path().equals("/devices/" + phone.id()));
        assertThat(browser.text(By.cssSelector("[data-test=alerts]"))).contains("Return within 24 hours", "Breach")
                .doesNotContain("RETURN_24H");
        assertThat(browser.text(By.cssSelector("[data-test=actions]"))).contains("Extend retention");
        browser.driver().navigate().back();
        browser.waitFor(By.cssSelector("[data-test=acknowledge-form]"));

        // One round of errors: no note.
        browser.driver().findElement(By.cssSelector("[data-test=acknowledge]")).click();
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        assertThat(browser.text(By.id("note-error"))).contains("Enter a note saying what you did or decided");
        browser.check("supervisor-acknowledge-error");

        browser.driver().findElement(By.id("note")).sendKeys("Spoke to the lab: return booked for 10am");
        browser.driver().findElement(By.cssSelector("[data-test=acknowledge]")).click();
        browser.waitUntil("back at the filtered list", b -> b.path().startsWith("/supervisor?rule=RETURN_24H"));
        assertThat(browser.text(By.cssSelector("[data-test=done]"))).contains("Alert acknowledged",
                "return within 24 hours", phone.status("supervisor").get("caseReference").asText());
        assertThat(browser.driver().findElements(By.cssSelector(row))).as("gone from the open alerts").isEmpty();

        JsonNode acknowledged = api.get("supervisor", "/api/v1/alerts/" + alertId).json();
        assertThat(acknowledged.at("/alert/state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.at("/alert/acknowledgedBy").asText()).as("the signed-in supervisor").isEqualTo("supervisor");
        assertThat(acknowledged.at("/alert/acknowledgeNote").asText()).isEqualTo("Spoke to the lab: return booked for 10am");

        browser.go("/supervisor/log");
        new Select(browser.waitFor(By.id("change"))).selectByVisibleText("Acknowledged");
        browser.driver().findElement(By.cssSelector("[data-test=apply-filters]")).click();
        String entry = "tr[data-alert='" + alertId + "'][data-change='ACKNOWLEDGED']";
        browser.waitFor(By.cssSelector(entry));
        assertThat(browser.text(By.cssSelector(entry))).contains("Acknowledged", "Return within 24 hours",
                "supervisor", "Spoke to the lab: return booked for 10am");
        browser.check("supervisor-log");
    }

    @Test
    void aSupervisorExtendsRetentionWithAReasonTheVictimIsTold() {
        Device phone = Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minusSeconds(7200)));
        browser.go("/devices/" + phone.id());
        browser.driver().findElement(By.linkText("Extend retention")).click();
        browser.waitFor(By.cssSelector("[data-test=retention-form]"));
        assertThat(browser.text(By.id("reason-hint"))).contains("The victim is sent this reason word for word");

        browser.driver().findElement(By.cssSelector("[data-test=extend-retention]")).click();
        browser.waitFor(By.cssSelector(".govuk-error-summary"));
        assertThat(browser.text(By.id("until-error"))).contains("Enter the date the device may be kept until");
        assertThat(browser.text(By.id("reason-error"))).contains("Enter why the device must be kept longer");
        browser.check("supervisor-retention-errors");

        LocalDate until = now().atZone(ZoneId.of("Europe/London")).toLocalDate().plusDays(14);
        browser.driver().findElement(By.id("until")).sendKeys(String.valueOf(until.getDayOfMonth()));
        browser.driver().findElement(By.id("until-month")).sendKeys(String.valueOf(until.getMonthValue()));
        browser.driver().findElement(By.id("until-year")).sendKeys(String.valueOf(until.getYear()));
        browser.driver().findElement(By.id("reason"))
                .sendKeys("The lab needs more time to examine your phone because there is a lot of data on it.");
        browser.driver().findElement(By.cssSelector("[data-test=extend-retention]")).click();
        browser.waitUntil("back on the device page", b -> b.path().equals("/devices/" + phone.id()));
        assertThat(browser.text(By.cssSelector("[data-test=done]"))).contains("Retention extended until",
                "The victim will be told the reason");
        assertThat(browser.text(By.cssSelector("[data-test=timeline]"))).contains("Retention extended until",
                "The lab needs more time to examine your phone");
        browser.check("supervisor-retention-extended");

        JsonNode extended = history(phone.id()).get(1);
        assertThat(extended.get("type").asText()).isEqualTo("RetentionExtended");
        assertThat(extended.at("/actor/id").asText()).isEqualTo("supervisor");
        assertThat(extended.at("/payload/until").asText()).as("the end of the day in UK time")
                .isEqualTo(until.plusDays(1).atStartOfDay(ZoneId.of("Europe/London")).toInstant().minusSeconds(60)
                        .toString());
    }

    @Test
    void anotherForcesAlertAndAnUnknownPageAreNotFound() {
        Device met = seizeLongAgo("met-officer", "met-lab", 40);
        String metAlert = returnBreach("met-supervisor", met).get("alertId").asText();

        browser.go("/supervisor/nope");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Page not found");
        browser.check("page-not-found");

        browser.go("/supervisor/alerts/" + metAlert);
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Page not found");
        String notFound = browser.driver().findElement(By.tagName("main")).getText();
        browser.go("/supervisor/alerts/" + UUID.randomUUID());
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .as("exactly as an alert that does not exist").isEqualTo(notFound);
        browser.go("/devices/" + met.id() + "/nope");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Page not found");

        browser.driver().manage().deleteAllCookies();
        browser.signIn("lab").go("/lab/nope");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Page not found");

        Api.Response rest = api.get("supervisor", "/api/v1/nope");
        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.header("Content-Type")).as("the API keeps problem+json").startsWith("application/problem+json");
    }

    @Test
    void aDeviceReadyForCollectionSaysSoInsteadOfAnEstimate() {
        Device phone = Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minusSeconds(7200)));
        phone.labReceipt(now()).downloadStarted(now()).downloadCompleted(now()).downloadVerified(now())
                .examinationStarted(now()).examinationCompleted(now(), false).readyForCollection(now());
        browser.go("/devices/" + phone.id());
        assertThat(browser.text(By.cssSelector("[data-test=expected-return]"))).isEqualTo("Ready for collection now")
                .doesNotContain("Most likely");
    }
}
