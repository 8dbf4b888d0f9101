package dev.custody.server.pages;

import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Identities;
import dev.custody.server.support.Seizure;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention dashboard: an inspector filters it to one force and to victims, reads the figures (charts drawn, the
 * same figures in tables), follows a figure to the devices behind it and on to a device's page; the CSV is the
 * tables on screen; a supervisor sees only their own force. The data set is a force of its own, so every figure is
 * known whatever other tests stored.
 */
class RetentionDashboardBrowserIT extends BrowserIT {

    private String force;
    private Device backIn12Hours;
    private Device backIn10Days;

    /** Once for the class (the API client exists from the first test's set-up on). */
    @BeforeEach
    void buildTheDataSet() {
        if (force != null) {
            return;
        }
        force = "it-dash-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = Identities.user("pc-dash", "OFFICER", force, null);
        String analyst = Identities.user("dfu-dash", "LAB", force, force + "-dfu");
        Instant base = now().minus(Duration.ofDays(30));
        // A victim's phone back in 12 hours; a victim's phone back after 10 days, never examined; a witness's phone
        // back after 2 days; a suspect's laptop still held.
        backIn12Hours = Device.seize(api, officer, analyst, Seizure.at(base).json()).returned(base.plus(Duration.ofHours(12)));
        backIn10Days = Device.seize(api, officer, analyst, Seizure.at(base).json()).returned(base.plus(Duration.ofDays(10)));
        Device witness = Device.seize(api, officer, analyst, Seizure.at(base).owner("WITNESS").json())
                .returned(base.plus(Duration.ofDays(2)));
        Device suspect = Device.seize(api, officer, analyst, Seizure.at(base.plus(Duration.ofDays(1))).owner("SUSPECT")
                .type("LAPTOP").json());
        for (Device d : List.of(backIn12Hours, backIn10Days, witness, suspect)) {
            d.status(officer);
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anInspectorFiltersTheDashboardAndDrillsDownToADevice() {
        browser.signIn("inspector");
        browser.go("/");
        assertThat(browser.path()).as("the inspector's start page").startsWith("/reports/retention");
        awaitCharts();
        browser.check("retention-every-force");

        // Filter to the test's force, by keyboard.
        WebElement forceBox = browser.waitFor(By.id("force"));
        forceBox.clear();
        forceBox.sendKeys(force);
        browser.driver().findElement(By.cssSelector("[data-test=apply]")).click();
        browser.waitUntil("the figures are the force's", b -> b.text(By.cssSelector("[data-test=showing]")).contains(force));
        awaitCharts();

        // Returned after 0.5, 2 and 10 days: median 2, p90 at rank 1.8 = 2 + 0.8 * 8 = 8.4. Still held: the laptop.
        assertThat(row("time-held-summary", "Returned")).containsExactly("Returned", "3", "2.0", "8.4", "10.0");
        assertThat(row("time-held-summary", "Still held (time so far)")).startsWith("Still held (time so far)", "1");
        assertThat(row("time-held", "Under 1 day")).containsExactly("Under 1 day", "1", "0");
        assertThat(row("time-held", "2 to 7 days")).containsExactly("2 to 7 days", "1", "0");
        assertThat(row("time-held", "7 to 14 days")).containsExactly("7 to 14 days", "1", "0");
        assertThat(row("time-held", "14 to 30 days")).containsExactly("14 to 30 days", "0", "1");
        assertThat(row("rates", "Returned within 24 hours (victims and witnesses)"))
                .containsExactly("Returned within 24 hours (victims and witnesses)", "3", "1", "33.3%");
        assertThat(row("rates", "Returned without being examined"))
                .containsExactly("Returned without being examined", "3", "3", "100.0%");
        assertThat(row("return-24h-by-force", force)).containsExactly(force, "3", "1", "33.3%");
        assertThat(charts()).as("every chart is drawn").allMatch(c -> "true".equals(c.getAttribute("data-drawn")));
        browser.check("retention-dashboard");

        // Only victims: two phones, one back within 24 hours.
        new Select(browser.driver().findElement(By.id("ownerRole"))).selectByVisibleText("Victim");
        browser.driver().findElement(By.cssSelector("[data-test=apply]")).click();
        browser.waitUntil("the figures are the victims'",
                b -> row("rates", "Returned within 24 hours (victims and witnesses)").get(1).equals("2"));
        assertThat(row("rates", "Returned within 24 hours (victims and witnesses)"))
                .containsExactly("Returned within 24 hours (victims and witnesses)", "2", "1", "50.0%");

        // The "1" returned within 24 hours leads to that phone, and on to its page.
        rowElement("rates", "Returned within 24 hours (victims and witnesses)")
                .findElements(By.cssSelector("td a")).get(1).click();
        browser.waitUntil("the devices behind the figure", b -> b.path().startsWith("/reports/retention/devices"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Victims' and witnesses' devices returned within 24 hours");
        assertThat(browser.text(By.cssSelector("[data-test=total]"))).startsWith("1 custody period");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-device]")))
                .extracting(r -> r.getAttribute("data-device")).containsExactly(backIn12Hours.id());
        browser.check("retention-devices");
        browser.driver().findElement(By.cssSelector("tr[data-device] a")).click();
        browser.waitUntil("the device page opens", b -> b.path().equals("/devices/" + backIn12Hours.id()));
        assertThat(browser.text(By.cssSelector("[data-test=stage]"))).isEqualTo("Returned");
        browser.check("retention-device");
    }

    @Test
    void theHistogramsBinsLeadToTheirDevices() {
        browser.signIn("inspector");
        browser.go("/reports/retention?force=" + force);
        rowElement("time-held", "7 to 14 days").findElement(By.cssSelector("td a")).click();
        browser.waitUntil("the devices behind the bin", b -> b.path().startsWith("/reports/retention/devices"));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-device]")))
                .extracting(r -> r.getAttribute("data-device")).containsExactly(backIn10Days.id());
    }

    @Test
    void theCsvIsExactlyTheTablesOnScreen() throws IOException {
        browser.signIn("inspector");
        browser.go("/reports/retention?force=" + force);
        List<List<String>> onScreen = new ArrayList<>();
        for (WebElement table : browser.driver().findElements(By.cssSelector("table[data-table]"))) {
            String caption = table.findElement(By.tagName("caption")).getAttribute("textContent").strip();
            for (WebElement tr : table.findElements(By.tagName("tr"))) {
                List<String> cells = new ArrayList<>();
                cells.add(caption);
                tr.findElements(By.cssSelector("th, td")).forEach(c -> cells.add(c.getText()));
                if (!(cells.size() == 2 && cells.get(1).equals("No devices"))) {
                    onScreen.add(cells);
                }
            }
        }
        String href = browser.driver().findElement(By.cssSelector("[data-test=csv]")).getAttribute("href");
        String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        List<List<String>> inCsv = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            if (!record.get(0).equals("Filters")) {
                inCsv.add(record.toList());
            }
        }
        assertThat(onScreen).hasSizeGreaterThan(20);
        assertThat(inCsv).isEqualTo(onScreen);
        assertThat(csv).contains("Filters,Force: " + force);
    }

    @Test
    void aSupervisorSeesOnlyTheirOwnForce() {
        browser.signIn("supervisor");
        browser.go("/reports/retention");
        assertThat(browser.text(By.cssSelector("[data-test=own-force]"))).isEqualTo("dyfed-powys");
        assertThat(browser.driver().findElements(By.id("force"))).as("no force to choose").isEmpty();
        assertThat(browser.text(By.cssSelector("[data-test=showing]"))).contains("dyfed-powys");
        browser.check("retention-supervisor");

        browser.go("/reports/retention?force=" + force);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
        browser.go("/reports/retention/devices?figure=ALL&force=" + force);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
        browser.go("/reports/retention/csv?force=" + force);
        assertThat(browser.driver().getPageSource()).doesNotContain(force + ",");
    }

    @Test
    void aMistypedDateIsAFormErrorNamingTheField() {
        browser.signIn("inspector");
        browser.go("/reports/retention?from=2026-02-30&ownerRole=KING");
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        assertThat(browser.driver().findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(a -> a.getAttribute("href").replaceAll(".*#", "")).containsExactly("from");
        browser.check("retention-error");
    }

    private void awaitCharts() {
        browser.waitUntil("the charts are drawn", b -> !charts().isEmpty()
                && charts().stream().allMatch(c -> "true".equals(c.getAttribute("data-drawn"))));
    }

    private List<WebElement> charts() {
        return browser.driver().findElements(By.cssSelector("canvas[data-chart]"));
    }

    private WebElement rowElement(String table, String label) {
        for (WebElement tr : browser.driver().findElements(By.cssSelector("table[data-table='" + table + "'] tbody tr"))) {
            List<WebElement> header = tr.findElements(By.cssSelector("th"));
            if (!header.isEmpty() && header.get(0).getText().equals(label)) {
                return tr;
            }
        }
        throw new AssertionError("no row " + label + " in " + table + ": "
                + browser.driver().findElement(By.cssSelector("table[data-table='" + table + "']")).getText());
    }

    private List<String> row(String table, String label) {
        return rowElement(table, label).findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    }
}
