package dev.custody.server.readside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Identities;
import dev.custody.server.support.Seizure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The retention report on a hand-built data set whose every figure is known in advance, in a force of its own so
 * no other test's data can touch it. Times are whole hours after a base 30 days ago; every step is logged "now",
 * so the logging lags are known too.
 */
class RetentionReportIT extends CustodyIT {

    private String force;
    private String officer;
    private String analyst;
    private Instant base;
    private String query;

    @BeforeEach
    void buildTheDataSet() {
        force = "it-report-" + UUID.randomUUID().toString().substring(0, 8);
        officer = Identities.user("pc-r", "OFFICER", force, null);
        analyst = Identities.user("dfu-r", "LAB", force, force + "-dfu");
        base = now().minus(Duration.ofDays(30));

        // D1: a victim's phone back in 12 hours.
        Device d1 = seize(Seizure.at(base)).returned(h(12));
        // D2: a victim's phone through the lab, a replacement at 30h, nothing relevant found, back after 10 days;
        // its two-year date range was justified.
        Device d2 = seize(Seizure.at(base).range("2024-01-01", "2026-01-01", "Contact began in early 2024"))
                .labReceipt(h(24)).replacementIssued(h(30)).downloadStarted(h(48)).downloadCompleted(h(72))
                .examinationStarted(h(120)).examinationCompleted(h(144), false).returned(h(240));
        // D3: a witness's phone back after 2 days, no replacement.
        Device d3 = seize(Seizure.at(base).owner("WITNESS")).returned(h(48));
        // D4: a suspect's laptop, still held.
        Device d4 = seize(Seizure.at(h(24)).owner("SUSPECT").type("LAPTOP"));
        // D5: a victim's phone back after exactly 24 hours, then asked for again 3 days later and still held.
        Device d5 = seize(Seizure.at(base)).returned(h(24)).reseized(Seizure.at(h(96)).timeSensitive(false).json());
        for (Device d : List.of(d1, d2, d3, d4, d5)) {
            d.status(officer);
        }
        LocalDate from = base.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate to = now().atZone(ZoneOffset.UTC).toLocalDate();
        query = "/api/v1/reports/retention?from=" + from + "&to=" + to + "&force=" + force;
    }

    @Test
    void every_figure_is_exact() {
        JsonNode r = api.get("inspector", query).json();

        // Returned after 0.5, 1, 2 and 10 days: median 1.5; p90 at rank 2.7 = 2 + 0.7 * (10 - 2) = 7.6.
        assertThat(r.at("/timeHeld/returned/count").asLong()).isEqualTo(4);
        assertThat(r.at("/timeHeld/returned/medianDays").asDouble()).isEqualTo(1.5);
        assertThat(r.at("/timeHeld/returned/p90Days").asDouble()).isCloseTo(7.6, within(1e-9));
        assertThat(r.at("/timeHeld/returned/maxDays").asDouble()).isEqualTo(10.0);
        // Still held for 29 and 26 days so far.
        assertThat(r.at("/timeHeld/stillHeld/count").asLong()).isEqualTo(2);
        assertThat(r.at("/timeHeld/stillHeld/medianDays").asDouble()).isEqualTo(27.5);
        assertThat(r.at("/timeHeld/stillHeld/p90Days").asDouble()).isCloseTo(28.7, within(1e-9));
        assertThat(r.at("/timeHeld/stillHeld/maxDays").asDouble()).isEqualTo(29.0);
        // Victims' and witnesses' custody periods: D1, D2, D3, D5 twice; back within 24h: D1 and D5's first.
        assertThat(r.at("/returnWithin24h/of").asLong()).isEqualTo(5);
        assertThat(r.at("/returnWithin24h/part").asLong()).isEqualTo(2);
        assertThat(r.at("/returnWithin24h/percent").asDouble()).isEqualTo(40.0);
        // Held past 24h: D2, D3 and D5's second period; only D2 got a replacement, 30 hours in.
        assertThat(r.at("/replacement/heldPast24h").asLong()).isEqualTo(3);
        assertThat(r.at("/replacement/withReplacement").asLong()).isEqualTo(1);
        assertThat(r.at("/replacement/percent").asDouble()).isCloseTo(100 / 3.0, within(1e-9));
        assertThat(r.at("/replacement/medianHoursToReplacement").asDouble()).isEqualTo(30.0);
        // D2: downloaded 3 days after seizure, examined 2 days after the download, nothing relevant.
        assertThat(r.at("/labTimes/downloads").asLong()).isEqualTo(1);
        assertThat(r.at("/labTimes/medianDaysSeizureToDownload").asDouble()).isEqualTo(3.0);
        assertThat(r.at("/labTimes/medianDaysDownloadToExamination").asDouble()).isEqualTo(2.0);
        assertThat(r.at("/unusedDevices/of").asLong()).isEqualTo(1);
        assertThat(r.at("/unusedDevices/percent").asDouble()).isEqualTo(100.0);
        // D5 taken again 3 days after its return.
        assertThat(r.at("/reseizures/count").asLong()).isEqualTo(1);
        assertThat(r.at("/reseizures/medianDaysAfterReturn").asDouble()).isEqualTo(3.0);
        // 16 steps happened 0..240 hours after the base and were all logged now, 720 hours after it. Sorted lags
        // in hours: 480 576 600 624 648 672 672 690 696 696 696 708 720 720 720 720; median (690+696)/2 = 693.
        assertThat(r.at("/lateLogging/events").asLong()).isEqualTo(16);
        assertThat(r.at("/lateLogging/medianMinutes").asDouble()).isEqualTo(693 * 60.0);
        assertThat(r.at("/lateLogging/p90Minutes").asDouble()).isEqualTo(720 * 60.0);
        assertThat(r.at("/longDateRanges/count").asLong()).isEqualTo(1);
        assertThat(r.at("/longDateRanges/seizures/0/justification").asText()).isEqualTo("Contact began in early 2024");
        assertThat(r.at("/filters/force").asText()).isEqualTo(force);
    }

    @Test
    void alert_counts_match_the_alerts_raised_for_the_force() {
        // D5's second seizure is a victim's phone held for 26 days: its 24h return must have been alerted.
        Await.until(Duration.ofSeconds(20), () -> api.get("inspector", "/api/v1/alerts?force=" + force
                + "&rule=RETURN_24H&severity=BREACH&state=OPEN").json().get("totalElements").asLong(), n -> n >= 1);
        JsonNode r = api.get("inspector", query).json();
        long raised = api.get("inspector", "/api/v1/alerts?force=" + force + "&size=500").json()
                .get("totalElements").asLong();
        assertThat(r.at("/alerts/raised").asLong()).isEqualTo(raised);
        assertThat(r.at("/alerts/byRule")).anySatisfy(rule -> {
            assertThat(rule.get("rule").asText()).isEqualTo("RETURN_24H");
            assertThat(rule.get("open").asLong()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void an_inspector_downloads_it_as_csv_and_the_raw_custody_periods_too() {
        Api.Response csv = api.get("inspector", query, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.header("content-disposition")).contains("attachment").contains(".csv");
        assertThat(csv.text()).startsWith("section,measure,group,value\r\n")
                .contains("time_held_returned,median_days,,1.5\r\n")
                .contains("return_within_24h,percent,,40.0\r\n")
                .contains("late_logging,median_minutes,,41580.0\r\n")
                .contains("filters,force,," + force + "\r\n");

        Api.Response periods = api.get("inspector", query.replace("/retention?", "/retention/custody-periods?"), "text/csv");
        assertThat(periods.status()).isEqualTo(200);
        String[] lines = periods.text().split("\r\n");
        assertThat(lines).hasSize(1 + 6);
        assertThat(lines[0]).startsWith("device_id,seizure_number,force");
    }

    @Test
    void a_supervisor_reports_on_their_own_force_only_and_an_officer_not_at_all() {
        assertThat(api.get("supervisor", query).status()).isEqualTo(403);
        assertThat(api.get("supervisor", "/api/v1/reports/retention").json().at("/filters/force").asText())
                .isEqualTo("dyfed-powys");
        assertThat(api.get(officer, query).status()).isEqualTo(403);
        Api.Response bad = api.get("inspector", "/api/v1/reports/retention?from=2026-02-01&to=2026-01-01&ownerRole=KING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("from", "ownerRole");
    }

    private Device seize(Seizure seizure) {
        return Device.seize(api, officer, analyst, seizure.json());
    }

    private Instant h(long hours) {
        return base.plus(Duration.ofHours(hours));
    }
}
