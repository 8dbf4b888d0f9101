package dev.custody.server.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.testing.Await;
import dev.custody.server.support.BrowserIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.EventStoreRows;
import dev.custody.server.support.PoisonedDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's page: a poison event written straight into the store shows up quarantined, a retry before the fix
 * fails again and says so, a retry after the fix applies it and what waited behind it, and a rebuild, confirmed
 * first, runs with its progress on the page until it completes.
 */
class AdminBrowserIT extends BrowserIT {

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void signIn() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("admin");
    }

    @Test
    void anAdminSeesAPoisonEventQuarantinedRetriesItAndRebuildsTheReadModels() {
        PoisonedDevice poisoned = PoisonedDevice.prepare(api, now().minus(Duration.ofHours(2)));
        Device victim = poisoned.victim();
        EventStoreRows rows = new EventStoreRows(jdbc);
        PoisonedDevice.Written poison = poisoned.poison(rows);
        Await.until(Duration.ofSeconds(30), () -> quarantined(victim.id()), q -> q);

        // Home for an admin is this page; the poison is listed with its error and the event waiting behind it.
        browser.go("/");
        browser.waitUntil("an admin's start page is the admin page", b -> b.path().equals("/admin"));
        String row = "tr[data-device='" + victim.id() + "']";
        assertThat(browser.text(By.cssSelector(row))).contains("DeviceReceivedAtLab", "device-projection",
                "after 3 attempts", "1 event");
        assertThat(browser.text(By.cssSelector("[data-test=state]"))).isEqualTo("Live");
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=segments] tbody tr"))).hasSize(4);
        assertThat(browser.text(By.cssSelector("[data-test=nodes]"))).as("this node, by its heartbeat")
                .doesNotContain("No node has reported");
        browser.check("admin");

        // Not fixed yet: the retry fails again, and the page says so.
        browser.driver().findElement(By.cssSelector(row + " [data-test=retry]")).click();
        browser.waitFor(By.cssSelector("[data-test=outcome]"));
        assertThat(browser.text(By.cssSelector("[data-test=outcome]"))).contains("The event failed again");
        assertThat(browser.text(By.cssSelector(row))).contains("after 4 attempts");

        // Fixed: the retry applies the poison and the event behind it; the row is gone and the device is current.
        PoisonedDevice.repair(rows, poison);
        browser.driver().findElement(By.cssSelector(row + " [data-test=retry]")).click();
        browser.waitUntil("the retry's result is shown", b -> b.driver()
                .findElements(By.cssSelector("[data-test=outcome]")).stream()
                .anyMatch(e -> e.getText().contains("Event applied")));
        assertThat(browser.text(By.cssSelector("[data-test=outcome]")))
                .contains("The quarantined event and 1 event behind it were applied", victim.id());
        assertThat(browser.driver().findElements(By.cssSelector(row))).isEmpty();
        assertThat(api.get("officer", "/api/v1/devices/" + victim.id()).json().get("stage").asText())
                .isEqualTo("DOWNLOADING");
        browser.check("admin-retried");

        // A rebuild asks first, then shows its progress on the page until it completes, without a reload.
        long generation = api.get("admin", "/api/v1/admin/projections").json().at("/0/generation").asLong();
        browser.driver().findElement(By.cssSelector("[data-test=rebuild]")).click();
        browser.waitUntil("the confirmation page", b -> b.path().equals("/admin/rebuild"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Are you sure you want to rebuild the read models?");
        browser.check("admin-rebuild-confirm");
        browser.driver().findElement(By.cssSelector("[data-test=confirm-rebuild]")).click();
        browser.waitUntil("back on the admin page", b -> b.path().startsWith("/admin") && !b.path()
                .startsWith("/admin/rebuild"));
        assertThat(browser.text(By.cssSelector("[data-test=outcome]"))).contains("Rebuild started");
        ((JavascriptExecutor) browser.driver()).executeScript("window.custodyNotReloaded = true");
        browser.waitUntil("the rebuild completes and the page says so", b ->
                "Live".equals(b.driver().findElement(By.cssSelector("[data-test=state]")).getText())
                        && b.driver().findElement(By.cssSelector("[data-test=last-rebuild]")).getText()
                        .contains("Completed")
                        && "Running".equals(b.driver().findElement(By.cssSelector("[data-test=running]")).getText())
                        && completedAfter(generation));
        JsonNode status = api.get("admin", "/api/v1/admin/projections").json().get(0);
        assertThat(status.get("generation").asLong()).isGreaterThan(generation);
        assertThat(status.at("/lastRebuild/outcome").asText()).isEqualTo("COMPLETED");
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=rebuild]")))
                .as("the rebuild button is back once the read models are live").hasSize(1);
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.custodyNotReloaded"))
                .as("the progress updated in place, not by a reload").isEqualTo(true);
        assertThat(browser.driver().findElement(By.id("status")).getAttribute("hx-trigger"))
                .as("polling stops once live and running").isNull();
        browser.check("admin-rebuilt");
    }

    @Test
    void onlyAnAdminSeesThePage() {
        browser.signOut();
        browser.signIn("inspector");
        browser.go("/admin");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=retry]"))).isEmpty();
    }

    private boolean quarantined(String deviceId) {
        JsonNode list = api.get("admin", "/api/v1/admin/quarantine?limit=500").json();
        return StreamSupport.stream(list.spliterator(), false)
                .anyMatch(q -> deviceId.equals(q.path("deviceId").asText()));
    }

    private boolean completedAfter(long generation) {
        JsonNode status = api.get("admin", "/api/v1/admin/projections").json().get(0);
        return status.get("generation").asLong() > generation && "LIVE".equals(status.get("state").asText());
    }
}
