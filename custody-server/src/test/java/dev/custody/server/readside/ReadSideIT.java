package dev.custody.server.readside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Identities;
import dev.custody.server.support.Seizure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What officers, labs and inspectors read: device status, the case view, search, the lab queue with its reasons,
 * force scoping, errors and metrics. Through HTTP, on the real PostgreSQL, eventually consistent with the commands.
 */
class ReadSideIT extends CustodyIT {

    @Autowired
    ProjectionProgress progress;

    /**
     * The alert engine raises alerts only once every segment of the projection has reached the head, and the admin
     * page shows the same lag. A segment that merely skips another segment's event used to store its position only
     * on its 5 s claim extension, so after a quiet spell alerts waited up to 5 s behind the last event. Three events
     * in a row: with four segments, the chance that all of them happened to extend within the second is negligible.
     */
    @Test
    void every_segment_of_both_processors_reports_the_head_within_a_second_of_an_event() {
        for (int i = 0; i < 3; i++) {
            Device.seize(api, "officer", "lab", Seizure.at(now().minusSeconds(60)).json()).status("officer");
            long head = progress.progress().head();
            for (String processor : List.of("device-projection", "kafka-publisher")) {
                Await.until(Duration.ofMillis(1500), () -> progress.progress(processor),
                        p -> p.caughtUpWith(head));
            }
        }
    }

    @Test
    void an_officer_sees_stage_holder_times_replacement_and_deadlines_without_phoning_the_lab() {
        Instant t = now().minus(Duration.ofHours(3));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t).json())
                .replacementIssued(t.plusSeconds(600))
                .labReceipt(t.plusSeconds(3600))
                .downloadStarted(t.plusSeconds(7200));

        JsonNode status = phone.status("officer");

        assertThat(status.get("version").asLong()).isEqualTo(phone.version());
        assertThat(status.get("stage").asText()).isEqualTo("DOWNLOADING");
        assertThat(status.at("/holder/kind").asText()).isEqualTo("LAB");
        assertThat(status.at("/holder/name").asText()).isEqualTo("dyfed-powys-dfu");
        assertThat(status.at("/times/seizedAt").asText()).isEqualTo(t.toString());
        assertThat(status.at("/times/downloadStartedAt").asText()).isEqualTo(t.plusSeconds(7200).toString());
        assertThat(status.get("daysHeld").asDouble()).isEqualTo(0.13);
        assertThat(status.at("/replacement/issued").asBoolean()).isTrue();
        assertThat(status.at("/replacement/activeKind").asText()).isEqualTo("SWAP_OUT");
        List<String> rules = new ArrayList<>();
        status.get("openDeadlines").forEach(d -> rules.add(d.get("rule").asText() + "/" + d.get("severity").asText()));
        assertThat(rules).contains("RETURN_24H/BREACH", "RETURN_24H/WARNING", "DOWNLOAD_STUCK/BREACH",
                "TIME_SENSITIVE_DATA/BREACH", "VICTIM_UPDATE_OVERDUE/BREACH", "LONG_HOLD/BREACH")
                .doesNotContain("REPLACEMENT_24H/BREACH");
    }

    @Test
    void the_case_view_lists_every_device_under_one_reference_and_search_filters_and_pages() {
        String caseRef = "DP-CASE-" + UUID.randomUUID();
        Instant t = now().minusSeconds(600);
        Device a = Device.seize(api, "officer", "lab", Seizure.at(t).caseReference(caseRef).json());
        Device b = Device.seize(api, "officer", "lab", Seizure.at(t).caseReference(caseRef).owner("WITNESS").json())
                .labReceipt(t.plusSeconds(60));
        a.status("officer");
        b.status("officer");

        JsonNode byCase = api.get("officer", "/api/v1/cases/" + caseRef + "/devices").json();
        assertThat(byCase.get("devices")).extracting(d -> d.get("deviceId").asText())
                .containsExactlyInAnyOrder(a.id(), b.id());

        JsonNode atLab = api.get("officer", "/api/v1/devices?stage=AT_LAB&ownerRole=WITNESS&size=500").json();
        assertThat(atLab.get("content")).extracting(d -> d.get("deviceId").asText()).contains(b.id())
                .doesNotContain(a.id());
        JsonNode firstPage = api.get("officer", "/api/v1/devices?size=1&page=0").json();
        assertThat(firstPage.get("content")).hasSize(1);
        assertThat(firstPage.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_officer_of_one_force_gets_nothing_of_another_and_an_inspector_sees_both() {
        Device dyfed = Device.seize(api, "officer", "lab", Seizure.at(now().minusSeconds(60)).json());
        Device met = Device.seize(api, "met-officer", "met-lab", Seizure.at(now().minusSeconds(60)).json());
        dyfed.status("officer");
        met.status("met-officer");

        Api.Response refused = api.get("met-officer", "/api/v1/devices/" + dyfed.id());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("rule").asText()).isEqualTo("device-not-found");
        assertThat(api.get("met-officer", "/api/v1/devices?force=dyfed-powys").status()).isEqualTo(403);
        JsonNode metSearch = api.get("met-officer", "/api/v1/devices?size=500").json();
        assertThat(metSearch.get("content")).extracting(d -> d.get("force").asText()).containsOnly("met");
        assertThat(metSearch.get("content")).extracting(d -> d.get("deviceId").asText()).doesNotContain(dyfed.id());
        assertThat(api.get("met-officer", "/api/v1/cases/DP-2026-0042/devices").json().get("devices"))
                .extracting(d -> d.get("force").asText()).containsOnly("met");
        assertThat(api.get("met-officer", "/api/v1/labs/dyfed-powys-dfu/queue").status()).isEqualTo(404);

        assertThat(api.get("inspector", "/api/v1/devices/" + dyfed.id()).status()).isEqualTo(200);
        assertThat(api.get("inspector", "/api/v1/devices/" + met.id()).status()).isEqualTo(200);
    }

    @Test
    void the_lab_queue_puts_data_at_risk_first_then_enhanced_victims_then_deadlines_then_age_and_says_why() {
        String force = "it-queue-" + UUID.randomUUID().toString().substring(0, 8);
        String lab = force + "-dfu";
        String officer = Identities.user("pc-q", "OFFICER", force, null);
        String analyst = Identities.user("dfu-q", "LAB", force, lab);
        Instant now = now();
        Device suspectsOld = Device.seize(api, officer, analyst,
                Seizure.at(now.minus(Duration.ofHours(48))).owner("SUSPECT").timeSensitive(false).json());
        Device witness = Device.seize(api, officer, analyst,
                Seizure.at(now.minus(Duration.ofHours(10))).owner("WITNESS").timeSensitive(false).json());
        Device enhanced = Device.seize(api, officer, analyst,
                Seizure.at(now.minus(Duration.ofHours(5))).care("ENHANCED", 14).timeSensitive(false).json());
        Device atRisk = Device.seize(api, officer, analyst,
                Seizure.at(now.minus(Duration.ofHours(1))).owner("WITNESS").timeSensitive(true).json());
        for (Device d : List.of(suspectsOld, witness, enhanced, atRisk)) {
            d.labReceipt(now.minusSeconds(30)).status(analyst);
        }

        JsonNode queue = api.get(analyst, "/api/v1/labs/" + lab + "/queue").json();

        assertThat(queue.get("total").asLong()).isEqualTo(4);
        assertThat(queue.get("entries")).extracting(e -> e.get("deviceId").asText())
                .containsExactly(atRisk.id(), enhanced.id(), witness.id(), suspectsOld.id());
        assertThat(queue.at("/entries/0/reasons/0").asText()).startsWith("Data at risk of disappearing");
        assertThat(queue.at("/entries/1/reasons/0").asText()).contains("enhanced rights");
        assertThat(queue.at("/entries/2/reasons/0").asText()).startsWith("Return within 24 hours: due in 14h");
        assertThat(queue.at("/entries/3/reasons/0").asText()).startsWith("Held past the review point: due in 87d");
        assertThat(queue.at("/entries/3/position").asInt()).isEqualTo(4);
    }

    @Test
    void bad_parameters_are_all_named_and_a_missing_device_is_404() {
        Api.Response bad = api.get("officer", "/api/v1/devices?stage=LOST&size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("content-type")).startsWith("application/problem+json");
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("stage", "size");

        Api.Response missing = api.get("officer", "/api/v1/devices/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("rule").asText()).isEqualTo("device-not-found");
        assertThat(api.get(null, "/api/v1/devices/" + UUID.randomUUID()).status()).isEqualTo(401);
        assertThat(api.get("admin", "/api/v1/devices?size=5").status()).isEqualTo(403);
    }

    @Test
    void prometheus_shows_devices_held_by_stage_days_held_and_projection_lag_without_device_ids() {
        Instant t = now().minus(Duration.ofHours(2));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t).json());
        phone.returned(t.plusSeconds(3600)).status("officer");
        Device.seize(api, "officer", "lab", Seizure.at(t).json()).status("officer");

        String metrics = Await.until(Duration.ofSeconds(20), () -> api.get("scraper", "/actuator/prometheus").text(),
                text -> text.matches("(?s).*custody_devices_held\\{[^}]*force=\"dyfed-powys\"[^}]*stage=\"SEIZED\".*")
                        && text.contains("custody_device_days_held_count"));

        assertThat(metrics).containsPattern("custody_devices_held\\{[^}]*force=\"dyfed-powys\"[^}]*stage=\"SEIZED\"");
        assertThat(metrics).contains("custody_projection_lag_seconds_bucket");
        assertThat(metrics).contains("custody_projection_lag_events");
        assertThat(metrics).doesNotContain(phone.id());
    }
}
