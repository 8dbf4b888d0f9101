package dev.custody.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.custody.server.support.Problems.assertProblem;
import static dev.custody.server.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds at the edge (issue 9 §1): every poison request the probe got accepted, and every request it turned into
 * a 500, is now a 4xx problem+json naming the field, and stores nothing. Each test fails on the code before the
 * bounds.
 */
class InputBoundsIT extends CustodyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    // ---- the four poison requests that stopped the read side ----

    @Test
    void anOccurredAtBeforeTheYear2000IsRefused() {
        ObjectNode body = seizure();
        body.put("occurredAt", "-0001-01-01T00:00:00Z");
        assertRefused(body, 400, "invalid-request", "occurredAt");
        body.put("occurredAt", "1999-12-31T23:59:59Z");
        assertRefused(body, 400, "invalid-request", "occurredAt");
    }

    @Test
    void anOccurredAtMoreThanFiveMinutesAheadIsRefusedAtTheEdge() {
        ObjectNode body = seizure();
        body.put("occurredAt", now().plus(6, ChronoUnit.MINUTES).toString());
        assertRefused(body, 400, "invalid-request", "occurredAt");
        body.put("occurredAt", "+1000000000-01-01T00:00:00Z");
        Response far = post("officer", "/api/v1/devices", body);
        assertThat(far.status()).as(far.toString()).isEqualTo(400);
    }

    @Test
    void aNulCharacterInTheCaseReferenceIsRefused() {
        ObjectNode body = seizure();
        body.put("caseReference", "DP-2026\u0000-0042");
        assertRefused(body, 400, "invalid-request", "caseReference");
    }

    @Test
    void scopeDatesInTheFarFutureAreRefused() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("scope")).put("from", "+99999-01-01").put("to", "+99999-01-01");
        assertRefused(body, 400, "invalid-request", "scope.from", "scope.to");
    }

    @Test
    void scopeDatesAreInThePast() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("scope")).put("to", now().plus(3, ChronoUnit.DAYS).toString().substring(0, 10));
        assertRefused(body, 400, "invalid-request", "scope.to");
    }

    @Test
    void aOneMegabyteDescriptionIs413AndStoresNothing() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("device")).put("description", "x".repeat(1024 * 1024));
        assertRefused(body, 413, "payload-too-large");
    }

    @Test
    void aDescriptionOverItsLengthIsRefusedNamingTheField() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("device")).put("description", "x".repeat(5_000));
        ((ObjectNode) body.at("/legal/justification")).put("lineOfEnquiry", "y".repeat(50_000));
        assertRefused(body, 400, "invalid-request", "device.description", "legal.justification.lineOfEnquiry");
    }

    // ---- the probe's 500s ----

    @Test
    void aNullInTimeSensitiveDataIs400() {
        ObjectNode body = seizure();
        body.putArray("timeSensitiveData").addNull();
        assertRefused(body, 400, "invalid-request", "timeSensitiveData[0]");
    }

    @Test
    void aNullInASetIs400() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("scope")).putArray("categories").add("MESSAGES").addNull();
        Response response = post("officer", "/api/v1/devices", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(response)).singleElement().asString().startsWith("scope.categories");
    }

    @Test
    void anIdempotencyKeyOf300CharactersIs400NamingTheHeader() {
        String id = seizeVictimPhone();
        Response response = api.post("officer", "/api/v1/devices/" + id + "/return", Requests.step(now()),
                Map.of("Idempotency-Key", "k".repeat(300)));
        assertProblem(response, 400, "invalid-header");
        assertThat(fields(response)).containsExactly("Idempotency-Key");
        assertThat(events(id)).isEqualTo(1);

        Response ok = api.post("officer", "/api/v1/devices/" + id + "/return", Requests.step(now()),
                Map.of("Idempotency-Key", (UUID.randomUUID() + "k".repeat(255)).substring(0, 255)));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    @Test
    void aWildcardOrMissingContentTypeIs415() {
        String id = seizeVictimPhone();
        String path = "/api/v1/devices/" + id + "/return";
        for (Map<String, String> headers : List.of(Map.of("Content-Type", "*/*"), Map.of("Content-Type", "application/*"),
                Map.<String, String>of())) {
            Response response = api.sendRaw("officer", "POST", path,
                    HttpRequest.BodyPublishers.ofString(Requests.step(now())), headers);
            assertProblem(response, 415, "unsupported-media-type");
        }
        assertProblem(api.send("officer", "POST", path, Requests.step(now()), Map.of("Content-Type", "text/plain")),
                415, "unsupported-media-type");
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void extremeYearsInAlertsAndReportsAre400() {
        for (String extreme : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
            String q = URLEncoder.encode(extreme, StandardCharsets.UTF_8);
            assertProblem(api.get("supervisor", "/api/v1/alerts?from=" + q), 400, "invalid-request");
            assertProblem(api.get("supervisor", "/api/v1/alerts?to=" + q), 400, "invalid-request");
            assertProblem(api.get("inspector", "/api/v1/alert-log?from=" + q), 400, "invalid-request");
        }
        for (String extreme : List.of("+999999999-12-31", "-999999999-01-01")) {
            String q = URLEncoder.encode(extreme, StandardCharsets.UTF_8);
            for (String report : List.of("/api/v1/reports/retention", "/api/v1/reports/retention/custody-periods")) {
                for (String param : List.of("from", "to")) {
                    Response response = api.get("inspector", report + "?" + param + "=" + q, "text/csv");
                    assertThat(response.status()).as(report + "?" + param + " " + response).isEqualTo(400);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(fields(response)).contains(param);
                }
            }
            assertProblem(api.get("inspector", "/api/v1/reports/retention?from=" + q), 400, "invalid-request");
        }
    }

    // ---- enums, text, lists and times ----

    @Test
    void enumsAreAcceptedByNameOnly() {
        for (JsonNode wrong : List.of(JSON.getNodeFactory().numberNode(0), JSON.getNodeFactory().textNode("0"),
                JSON.getNodeFactory().textNode("victim"), JSON.getNodeFactory().booleanNode(true))) {
            ObjectNode body = seizure();
            body.set("ownerRole", wrong);
            Response response = post("officer", "/api/v1/devices", body);
            assertProblem(response, 400, "unreadable-request");
            assertThat(fields(response)).as(wrong.toString()).containsExactly("ownerRole");
            assertThat(response.json().at("/errors/0/message").asText())
                    .isEqualTo("must be one of VICTIM, WITNESS, SUSPECT, OTHER");
            assertThat(events(body.get("deviceId").asText())).isZero();
        }
        ObjectNode categories = seizure();
        ((ObjectNode) categories.get("scope")).putArray("categories").add(1);
        assertRefused(categories, 400, "unreadable-request", "scope.categories[0]");
    }

    @Test
    void textIsStoredInNormalisationFormC() {
        ObjectNode body = seizure();
        ((ObjectNode) body.get("device")).put("description", "Cafe\u0301 phone, Ffo\u0302n");
        Response response = post("officer", "/api/v1/devices", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb #>> "
                + "'{details,device,description}' from domain_event_entry where aggregate_identifier = ?",
                String.class, body.get("deviceId").asText());
        assertThat(stored).isEqualTo("Caf\u00e9 phone, Ff\u00f4n");
    }

    @Test
    void freeTextTakesNewlinesAndTabsAndNoOtherControlCharacter() {
        ObjectNode ok = seizure();
        ((ObjectNode) ok.at("/legal/justification")).put("lineOfEnquiry", "Messages in March\n\tand April \uD83D\uDCF1");
        Response accepted = post("officer", "/api/v1/devices", ok);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);

        ObjectNode bell = seizure();
        ((ObjectNode) bell.at("/legal/justification")).put("lineOfEnquiry", "Messages\u0007");
        ((ObjectNode) bell.get("device")).put("sealNumber", "SEAL\t001");
        ((ObjectNode) bell.get("device")).put("description", "Black\u0085phone");
        assertRefused(bell, 400, "invalid-request", "device.description", "device.sealNumber",
                "legal.justification.lineOfEnquiry");
    }

    @Test
    void aLoneSurrogateIsRefused() {
        ObjectNode seizure = seizure();
        // Escaped in the JSON text: a lone high surrogate, which no UTF-8 text can hold.
        String body = seizure.toString().replace("Black iPhone 13", "Black \\ud800 phone");
        Response response = api.post("officer", "/api/v1/devices", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("device.description");
        assertThat(events(seizure.get("deviceId").asText())).isZero();
    }

    @Test
    void listsHaveAMaximumSize() {
        ObjectNode body = seizure();
        var flags = body.putArray("timeSensitiveData");
        IntStream.range(0, 21).forEach(i -> flags.addObject().put("kind", "OTHER").put("detail", "app " + i));
        assertRefused(body, 400, "invalid-request", "timeSensitiveData");
    }

    @Test
    void agreementExpiryAndRetentionTimesAreBounded() {
        ObjectNode body = seizure();
        ((ObjectNode) body.at("/legal/agreement")).put("agreedAt", "1970-01-01T00:00:00Z");
        ((ObjectNode) body.get("timeSensitiveData").get(0)).put("expiresAt", "+99999-01-01T00:00:00Z");
        assertRefused(body, 400, "invalid-request", "legal.agreement.agreedAt", "timeSensitiveData[0].expiresAt");

        String id = seizeVictimPhone();
        Response retention = api.post("supervisor", "/api/v1/devices/" + id + "/retention-extensions",
                "{\"occurredAt\":\"" + now() + "\",\"until\":\"" + now().plus(365L * 50, ChronoUnit.DAYS)
                        + "\",\"reason\":\"A long trial\"}");
        assertProblem(retention, 400, "invalid-request");
        assertThat(fields(retention)).containsExactly("until");
        assertThat(events(id)).isEqualTo(1);
    }

    // ---- bodies and query strings ----

    @Test
    void aChunkedBodyOverTheLimitIs413WithoutReadingItAll() {
        String id = seizeVictimPhone();
        byte[] start = ("{\"occurredAt\":\"" + now() + "\",\"note\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] note = "n".repeat(8192).getBytes(StandardCharsets.UTF_8);
        Response response = api.sendRaw("officer", "POST", "/api/v1/devices/" + id + "/agreement-withdrawal",
                chunked(start, note, 64), Map.of("Content-Type", "application/json"));
        assertProblem(response, 413, "payload-too-large");
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void aChunkedFormOverTheLimitIs413Too() {
        byte[] start = "note=".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = "n".repeat(8192).getBytes(StandardCharsets.UTF_8);
        Response response = api.sendRaw("officer", "POST", "/api/v1/devices", chunked(start, chunk, 32),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void queryStringsAreBounded() {
        assertProblem(api.get("officer", "/api/v1/devices?lab=" + "x".repeat(5_000)), 400, "invalid-request");
        assertProblem(api.get("officer", "/api/v1/devices?page=2147483647"), 400, "invalid-request");
        assertProblem(api.get("supervisor", "/api/v1/alerts?lab=%00"), 400, "invalid-request");
        assertProblem(api.get("officer", "/api/v1/cases/" + "c".repeat(200) + "/devices"), 400, "invalid-request");
        assertProblem(api.get("officer", "/api/v1/labs/" + "l".repeat(200) + "/queue"), 400, "invalid-request");
    }

    @Test
    void everyBadTypedFilterIsNamedAtOnce() {
        Response alerts = api.get("supervisor", "/api/v1/alerts?rule=0&severity=warning&deviceId=nope&from=yesterday"
                + "&lab=" + "x".repeat(65) + "&size=0");
        assertProblem(alerts, 400, "invalid-request");
        assertThat(fields(alerts)).containsExactlyInAnyOrder("rule", "severity", "deviceId", "from", "lab", "size");
        assertThat(alerts.json().get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo("severity");
            assertThat(e.get("message").asText()).isEqualTo("must be one of WARNING, BREACH");
        });

        Response devices = api.get("officer", "/api/v1/devices?stage=0&ownerRole=victim&held=perhaps");
        assertProblem(devices, 400, "invalid-request");
        assertThat(fields(devices)).containsExactlyInAnyOrder("stage", "ownerRole", "held");

        Response log = api.get("inspector", "/api/v1/alert-log?from=2026-13-01T00:00:00Z&page=-1");
        assertProblem(log, 400, "invalid-request");
        assertThat(fields(log)).containsExactlyInAnyOrder("from", "page");

        Response report = api.get("inspector", "/api/v1/reports/retention?deviceType=PHONEY&from=2026-13-01"
                + "&ownerRole=1&force=" + "f".repeat(65));
        assertProblem(report, 400, "invalid-request");
        assertThat(fields(report)).containsExactlyInAnyOrder("deviceType", "from", "ownerRole", "force");
    }

    @Test
    void whatTomcatRefusesBeforeAnyFilterIsProblemJsonToo() {
        assertProblem(api.get("lab", "/api/v1/labs/a%2Fb/queue"), 400, "request-rejected");
        assertProblem(api.get("officer", "/api/v1/devices/%00"), 400, "request-rejected");
        assertProblem(api.post("officer", "/api/v1/devices/..%2F..%2Fetc%2Fpasswd/return", Requests.step(now())),
                400, "request-rejected");
    }

    @Test
    void anUnreadableAcceptHeaderIs406ProblemJson() {
        String id = seizeVictimPhone();
        Response response = api.get("inspector", "/api/v1/devices/" + id + "/history", "garbage");
        assertProblem(response, 406, "not-acceptable");
        assertThat(fields(response)).containsExactly("Accept");
    }

    // ---- OpenAPI ----

    @Test
    void theBoundsAreInTheOpenApiDocument() {
        Response response = api.get("inspector", "/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode schemas = response.json().at("/components/schemas");
        JsonNode seize = schemas.get("SeizeDeviceRequest").get("properties");
        assertThat(seize.at("/caseReference/maxLength").asInt()).isEqualTo(64);
        assertThat(seize.at("/caseReference/pattern").asText()).isNotEmpty();
        assertThat(seize.at("/timeSensitiveData/maxItems").asInt()).isEqualTo(20);
        assertThat(seize.at("/occurredAt/description").asText()).contains("2000-01-01");
        assertThat(seize.at("/ownerRole/enum")).extracting(JsonNode::asText)
                .containsExactly("VICTIM", "WITNESS", "SUSPECT", "OTHER");
        assertThat(schemas.at("/DeviceDescriptionRequest/properties/description/maxLength").asInt()).isPositive();
        assertThat(schemas.at("/JustificationRequest/properties/lineOfEnquiry/maxLength").asInt()).isPositive();
        JsonNode operation = response.json().at("/paths/~1api~1v1~1devices~1{id}~1return/post");
        JsonNode key = null;
        for (JsonNode parameter : operation.get("parameters")) {
            if ("Idempotency-Key".equals(parameter.get("name").asText())) {
                key = parameter;
            }
        }
        assertThat(key).isNotNull();
        assertThat(key.at("/schema/maxLength").asInt()).isEqualTo(255);
        assertThat(operation.at("/responses/413").isMissingNode()).isFalse();
        JsonNode alerts = response.json().at("/paths/~1api~1v1~1alerts/get/parameters");
        assertThat(alerts.findValues("maximum")).isNotEmpty();
    }

    // ---- helpers ----

    /** A lawful seizure with a client-chosen id, so a refusal can be shown to have stored nothing under it. */
    private ObjectNode seizure() {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Requests.seizeVictimPhone(now().minusSeconds(3600)));
            body.put("deviceId", UUID.randomUUID().toString());
            return body;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response post(String user, String path, JsonNode body) {
        return api.post(user, path, body.toString());
    }

    private void assertRefused(ObjectNode seizure, int status, String rule, String... fields) {
        Response response = post("officer", "/api/v1/devices", seizure);
        assertProblem(response, status, rule);
        if (fields.length > 0) {
            assertThat(fields(response)).containsExactly(fields);
        }
        assertThat(events(seizure.get("deviceId").asText())).as("nothing stored").isZero();
    }

    private int events(String deviceId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, deviceId);
    }

    /** A start and then {@code times} copies of a chunk, of unknown length: sent chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] start, byte[] chunk, int times) {
        return HttpRequest.BodyPublishers.ofByteArrays(() -> IntStream.rangeClosed(0, times)
                .mapToObj(i -> i == 0 ? start : chunk).iterator());
    }
}
