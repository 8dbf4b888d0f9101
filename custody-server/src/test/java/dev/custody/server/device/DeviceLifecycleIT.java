package dev.custody.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A victim's phone from seizure to return with a replacement, through HTTP, on the real database. */
class DeviceLifecycleIT extends CustodyIT {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void victimPhoneFromSeizureToReturnWithReplacement() {
        Instant t = now().minusSeconds(6 * 3600);
        Response seized = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        String id = seized.json().get("deviceId").asText();
        assertThat(seized.header("Location")).isEqualTo("/api/v1/devices/" + id);
        assertThat(seized.header("ETag")).isEqualTo("\"0\"");
        String devices = "/api/v1/devices/" + id;

        ok(api.post("officer", devices + "/replacements",
                "{\"occurredAt\":\"" + t.plusSeconds(600) + "\",\"kind\":\"SWAP_OUT\",\"note\":\"same number\"}"));
        ok(api.post("lab", devices + "/lab-receipt", Requests.labReceipt(t.plusSeconds(3600))));
        ok(api.post("lab", devices + "/downloads", Requests.startDownload(t.plusSeconds(4000))));
        ok(api.post("lab", devices + "/downloads/1/failure",
                "{\"occurredAt\":\"" + t.plusSeconds(4100) + "\",\"reason\":\"USB link dropped\"}"));
        ok(api.post("lab", devices + "/downloads", Requests.startDownload(t.plusSeconds(4200))));
        ok(api.post("lab", devices + "/downloads/2/completion", Requests.completeDownload(t.plusSeconds(7000), SHA)));
        ok(api.post("lab", devices + "/downloads/2/verification", Requests.hash(t.plusSeconds(7100), SHA)));
        ok(api.post("lab", devices + "/examination", Requests.step(t.plusSeconds(8000))));
        ok(api.post("lab", devices + "/examination/completion",
                "{\"occurredAt\":\"" + t.plusSeconds(12000) + "\",\"relevantMaterialFound\":false}"));
        Response returned = api.post("officer", devices + "/return",
                "{\"occurredAt\":\"" + t.plusSeconds(15000) + "\",\"returnedTo\":\"OWNER\"}");
        ok(returned);
        assertThat(returned.json().get("version").asLong()).isEqualTo(10);
        ok(api.post("officer", devices + "/replacements/1/return", Requests.step(t.plusSeconds(15100))));

        JsonNode history = history(id);
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("DeviceSeized", "ReplacementIssued", "DeviceReceivedAtLab",
                "DownloadStarted", "DownloadFailed", "DownloadStarted", "DownloadCompleted", "DownloadVerified",
                "ExaminationStarted", "ExaminationCompleted", "DeviceReturned", "ReplacementReturned");

        JsonNode seizure = history.get(0);
        assertThat(seizure.get("sequence").asLong()).isZero();
        assertThat(seizure.get("occurredAt").asText()).isEqualTo(t.toString());
        assertThat(Instant.parse(seizure.get("recordedAt").asText())).isEqualTo(now());
        assertThat(seizure.get("actor").get("id").asText()).isEqualTo("officer");
        assertThat(history.findValues("deviceId")).as("the device id is given once, on the history").isEmpty();
        assertThat(seizure.get("payload").has("force")).isTrue();
        history.forEach(e -> assertThat(e.get("payload").fieldNames()).toIterable()
                .as("said once, on the entry").doesNotContain("occurredAt", "recordedAt", "actor"));
        assertThat(seizure.at("/payload/details/legal/agreement/recordedBy").asText()).isEqualTo("officer");
        assertThat(seizure.at("/payload/details/legal/justification/alternativesConsidered").asText()).isNotBlank();
        assertThat(seizure.at("/payload/scopeReview/exceedsLimit").asBoolean()).isFalse();
        assertThat(history.get(2).get("actor").get("id").asText()).isEqualTo("lab");
        assertThat(history.get(2).at("/payload/lab").asText()).isEqualTo("dyfed-powys-dfu");
        assertThat(history.get(5).at("/payload/attempt").asInt()).isEqualTo(2);
        assertThat(history.get(6).at("/payload/sha256").asText()).isEqualTo(SHA);
        assertThat(history.get(9).at("/payload/relevantMaterialFound").asBoolean()).isFalse();
    }

    @Test
    void returnedDeviceCanBeSeizedAgainAndCountsAsReseizure() {
        Instant t = now().minusSeconds(40 * 24 * 3600);
        Response seized = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
        String id = seized.json().get("deviceId").asText();
        Instant returnedAt = t.plusSeconds(4 * 24 * 3600);
        ok(api.post("officer", "/api/v1/devices/" + id + "/return", Requests.step(returnedAt)));

        Instant again = returnedAt.plusSeconds(30 * 24 * 3600);
        Response reseized = api.post("officer", "/api/v1/devices/" + id + "/seizures", Requests.seizeVictimPhone(again));
        ok(reseized);

        JsonNode last = history(id).get(2);
        assertThat(last.get("type").asText()).isEqualTo("DeviceSeized");
        assertThat(last.at("/payload/seizureNumber").asInt()).isEqualTo(2);
        assertThat(last.at("/payload/reseizure/previousReturnAt").asText()).isEqualTo(returnedAt.toString());
        assertThat(last.at("/payload/reseizure/sinceReturn").asText()).isEqualTo("PT720H");
    }

    @Test
    void lawfulLongDateRangeIsAcceptedAndRecordedForInspectors() {
        Response seized = api.post("officer", "/api/v1/devices", Requests.seize(now().minusSeconds(60), "VICTIM",
                "\"2019-01-01\"", "\"2026-01-01\"", "Coercive control alleged over the whole relationship"));
        ok(seized);
        JsonNode seizure = history(seized.json().get("deviceId").asText()).get(0);
        assertThat(seizure.at("/payload/scopeReview/exceedsLimit").asBoolean()).isTrue();
        assertThat(seizure.at("/payload/scopeReview/limit").asText()).isEqualTo("P12M");
        assertThat(seizure.at("/payload/details/scope/longRangeJustification").asText()).startsWith("Coercive");
    }

    @Test
    void openApiIsPublishedBehindAuthentication() {
        assertThat(api.get(null, "/v3/api-docs").status()).isEqualTo(401);
        Response docs = api.get("inspector", "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths").has("/api/v1/devices/{id}/history")).isTrue();
        assertThat(docs.json().at("/paths").has("/api/v1/devices/{id}/downloads/{attempt}/completion")).isTrue();
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
    }
}
