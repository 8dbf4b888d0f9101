package dev.custody.server.device;

import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Parallel;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.custody.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries store nothing twice; conflicting commands never both succeed on stale state. */
class IdempotencyAndConcurrencyIT extends CustodyIT {

    @Test
    void retriedSeizureWithTheSameKeyReturnsTheFirstRecord() {
        String key = UUID.randomUUID().toString();
        String body = Requests.seizeVictimPhone(now().minusSeconds(60));
        Response first = api.post("officer", "/api/v1/devices", body, Map.of("Idempotency-Key", key));
        Response retry = api.post("officer", "/api/v1/devices", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("deviceId")).isEqualTo(first.json().get("deviceId"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(history(first.json().get("deviceId").asText())).hasSize(1);
    }

    @Test
    void retriedStepWithTheSameKeyIsStoredOnce() {
        String id = seizeVictimPhone();
        String key = UUID.randomUUID().toString();
        String body = Requests.labReceipt(now().minusSeconds(30));
        Response first = api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", body, Map.of("Idempotency-Key", key));
        Response retry = api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).as("a replay, not an out-of-order rejection").isEqualTo(200);
        assertThat(retry.json().get("version").asLong()).isEqualTo(1);
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void retriedRepeatableStepWithTheSameKeyIsStoredOnce() throws Exception {
        String id = seizeVictimPhone();
        String key = UUID.randomUUID().toString();
        String path = "/api/v1/devices/" + id + "/transfers";
        String body = "{\"occurredAt\":\"" + now().minusSeconds(50) + "\",\"to\":{\"kind\":\"PROPERTY_STORE\","
                + "\"name\":\"Carmarthen store\"},\"sealCheck\":{\"sealNumber\":\"SEAL-001\",\"intact\":true}}";
        Response first = api.post("officer", path, body, Map.of("Idempotency-Key", key));
        Response retry = api.post("officer", path, body, Map.of("Idempotency-Key", key));
        List<Response> concurrent = Parallel.run(4, i -> api.post("officer", path, body, Map.of("Idempotency-Key", key)));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as("a transfer could be repeated, but not under the same key").isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("version").asLong()).isEqualTo(1);
        assertThat(concurrent).allSatisfy(r -> assertThat(r.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void keyReusedForADifferentRequestIs422() {
        String key = UUID.randomUUID().toString();
        api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(now().minusSeconds(60)), Map.of("Idempotency-Key", key));
        Response reused = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(now().minusSeconds(61)),
                Map.of("Idempotency-Key", key));
        assertProblem(reused, 422, "idempotency-key-reused");
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneEvent() throws Exception {
        String id = seizeVictimPhone();
        String key = UUID.randomUUID().toString();
        String body = Requests.labReceipt(now().minusSeconds(30));
        List<Response> responses = Parallel.run(8, i ->
                api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", body, Map.of("Idempotency-Key", key)));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void concurrentConflictingCommandsOnlyOneSucceeds() throws Exception {
        String id = seizeVictimPhone();
        Instant at = now().minusSeconds(30);
        List<Response> responses = Parallel.run(8, i ->
                api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", Requests.labReceipt(at)));
        long succeeded = responses.stream().filter(r -> r.status() == 200).count();
        assertThat(succeeded).isEqualTo(1);
        assertThat(responses).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(409));
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void staleIfMatchIs409() {
        String id = seizeVictimPhone();
        String device = "/api/v1/devices/" + id;
        Response transfer = api.post("officer", device + "/transfers",
                "{\"occurredAt\":\"" + now().minusSeconds(50) + "\",\"to\":{\"kind\":\"PROPERTY_STORE\",\"name\":\"Carmarthen store\"},"
                        + "\"sealCheck\":{\"sealNumber\":\"SEAL-001\",\"intact\":true}}",
                Map.of("If-Match", "\"0\""));
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
        assertThat(transfer.header("ETag")).isEqualTo("\"1\"");

        Response stale = api.post("lab", device + "/lab-receipt", Requests.labReceipt(now().minusSeconds(40)),
                Map.of("If-Match", "\"0\""));
        assertProblem(stale, 409, "concurrent-modification");
        Response fresh = api.post("lab", device + "/lab-receipt", Requests.labReceipt(now().minusSeconds(40)),
                Map.of("If-Match", "\"1\""));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(history(id)).hasSize(3);
    }

    @Test
    void seizingAnExistingClientIdIs409() {
        UUID id = UUID.randomUUID();
        String body = Requests.seizeVictimPhone(now().minusSeconds(60)).replaceFirst("\\{", "{\"deviceId\":\"" + id + "\",");
        assertThat(api.post("officer", "/api/v1/devices", body).status()).isEqualTo(201);
        assertProblem(api.post("officer", "/api/v1/devices", body), 409, "device-exists");
        assertThat(history(id.toString())).hasSize(1);
    }
}
