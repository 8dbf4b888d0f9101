package dev.custody.server.openapi;

import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.OpenApiDocument;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real answers against the served OpenAPI document: each status must be one the operation documents and each body
 * valid against the documented schema (networknt's validator), successes and refusals alike. A generated client
 * that trusts the document reads these answers without surprise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiResponsesIT extends CustodyIT {

    private static final String DEVICES = "/api/v1/devices";
    private static final String DEVICE = "/api/v1/devices/{id}";

    private OpenApiDocument document;

    @BeforeEach
    void read() {
        if (document == null) {
            document = OpenApiDocument.served(api);
        }
    }

    @Test
    void aSeizureAndItsReadsAreAnsweredAsDocumented() {
        List<String> violations = new ArrayList<>();
        Api.Response seized = api.post("officer", DEVICES, Requests.seizeVictimPhone(now().minusSeconds(3600)));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        violations.addAll(document.violations("POST", DEVICES, seized));
        String id = seized.json().get("deviceId").asText();

        Api.Response status = Await.until(Duration.ofSeconds(10), () -> api.get("officer", DEVICES + "/" + id),
                r -> r.status() == 200);
        violations.addAll(document.violations("GET", DEVICE, status));
        violations.addAll(document.violations("GET", DEVICE + "/history", api.get("officer", DEVICES + "/" + id
                + "/history")));
        violations.addAll(document.violations("GET", DEVICES, api.get("officer", DEVICES + "?size=5")));
        violations.addAll(document.violations("POST", DEVICE + "/lab-receipt", api.post("lab", DEVICES + "/" + id
                + "/lab-receipt", Requests.labReceipt(now().minusSeconds(1800)))));
        violations.addAll(document.violations("GET", "/api/v1/admin/projections",
                api.get("admin", "/api/v1/admin/projections")));
        violations.addAll(document.violations("GET", "/api/v1/admin/quarantine",
                api.get("admin", "/api/v1/admin/quarantine?state=ALL")));
        assertThat(violations).isEmpty();
    }

    @Test
    void refusalsAreTheDocumentedProblems() {
        List<String> violations = new ArrayList<>();
        Api.Response invalid = api.post("officer", DEVICES, "{}");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        violations.addAll(document.violations("POST", DEVICES, invalid));

        Api.Response unknown = api.get("officer", DEVICES + "/" + UUID.randomUUID());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        violations.addAll(document.violations("GET", DEVICE, unknown));

        Api.Response wrongRole = api.post("lab", DEVICES, Requests.seizeVictimPhone(now().minusSeconds(3600)));
        assertThat(wrongRole.status()).as(wrongRole.toString()).isEqualTo(403);
        violations.addAll(document.violations("POST", DEVICES, wrongRole));

        Api.Response anonymous = api.get(null, DEVICES);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        violations.addAll(document.violations("GET", DEVICES, anonymous));

        Api.Response notJson = api.send("officer", "POST", DEVICES, "occurredAt=now",
                Map.of("Content-Type", "text/plain"));
        assertThat(notJson.status()).as(notJson.toString()).isEqualTo(415);
        violations.addAll(document.violations("POST", DEVICES, notJson));

        String incomplete = Requests.seizeVictimPhone(now().minusSeconds(3600))
                .replace("\"alternativesConsidered\":\"Screenshots were offered but cannot show deleted messages\",",
                        "");
        Api.Response unprocessable = api.post("officer", DEVICES, incomplete);
        assertThat(unprocessable.status()).as(unprocessable.toString()).isEqualTo(422);
        violations.addAll(document.violations("POST", DEVICES, unprocessable));

        Device device = Device.seize(api, "officer", "lab", Requests.seizeVictimPhone(now().minusSeconds(3600)));
        Api.Response stale = api.post("lab", DEVICES + "/" + device.id() + "/lab-receipt",
                Requests.labReceipt(now().minusSeconds(1800)), Map.of("If-Match", "\"7\""));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        violations.addAll(document.violations("POST", DEVICE + "/lab-receipt", stale));

        Api.Response noRow = api.post("admin", "/api/v1/admin/quarantine/" + UUID.randomUUID() + "/retry", null);
        assertThat(noRow.status()).as(noRow.toString()).isEqualTo(404);
        violations.addAll(document.violations("POST", "/api/v1/admin/quarantine/{id}/retry", noRow));
        assertThat(violations).isEmpty();
    }

    @Test
    void theContactVaultAnswersAsDocumented() {
        String path = "/api/v1/contacts/{contactReference}";
        String reference = "/api/v1/contacts/contact-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"channel\":\"EMAIL\",\"address\":\"owner@example.org\",\"language\":\"en\","
                + "\"safeToContact\":true}";
        List<String> violations = new ArrayList<>();
        Api.Response created = api.send("officer", "PUT", reference, body, Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        violations.addAll(document.violations("PUT", path, created));
        Api.Response replaced = api.send("officer", "PUT", reference, body, Map.of());
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        violations.addAll(document.violations("PUT", path, replaced));
        Api.Response invalid = api.send("officer", "PUT", reference, body.replace("owner@example.org", "nobody"),
                Map.of());
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
        violations.addAll(document.violations("PUT", path, invalid));
        violations.addAll(document.violations("GET", path, api.get("officer", reference)));
        Api.Response erased = api.send("officer", "DELETE", reference, null, Map.of());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        violations.addAll(document.violations("DELETE", path, erased));
        assertThat(violations).isEmpty();
    }
}
