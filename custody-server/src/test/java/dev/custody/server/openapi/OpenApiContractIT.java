package dev.custody.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.OpenApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a client generator can trust: every operation under {@code /api} has a summary, its real
 * success status, a request example valid against its schema where it takes a body, and the problem+json answers
 * that apply to it, each with the {@code Problem} schema. The document is also written to
 * {@code target/openapi.json} for reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT extends CustodyIT {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The operations whose success is not a plain 200, with every success status they answer. */
    private static final Map<String, Set<String>> SUCCESS = Map.of(
            "post /api/v1/devices", Set.of("201"),
            "post /api/v1/admin/projections/rebuild", Set.of("202"),
            "put /api/v1/contacts/{contactReference}", Set.of("200", "201"),
            "delete /api/v1/contacts/{contactReference}", Set.of("204"),
            "delete /api/v1/devices/{deviceId}/status-links", Set.of("204"));

    private OpenApiDocument document;

    @BeforeEach
    void read() throws Exception {
        if (document != null) {
            return;
        }
        document = OpenApiDocument.served(api);
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, document.json().toPrettyString());
    }

    @Test
    void everyOperationHasASummaryItsRealSuccessStatusAnExampleAndItsProblems() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : iterable(document.json().path("paths"))) {
            if (!path.getKey().startsWith("/api/")) {
                missing.add(path.getKey() + ": outside /api in the document");
                continue;
            }
            for (var op : iterable(path.getValue())) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                check(op.getKey(), path.getKey(), op.getValue(), missing);
            }
        }
        System.out.println("[OpenApiContractIT] " + operations + " operations checked; missing: " + missing.size());
        assertThat(operations).as("operations in the document").isGreaterThan(30);
        assertThat(missing).as("what the OpenAPI document lacks").isEmpty();
    }

    @Test
    void theProblemSchemaNamesTheRuleAndEveryBadField() {
        JsonNode problem = document.json().at("/components/schemas/Problem");
        assertThat(OpenApiDocument.fieldNames(problem.path("properties")))
                .contains("type", "title", "status", "detail", "rule", "errors");
        assertThat(problem.path("required")).extracting(JsonNode::asText).contains("type", "status", "rule");
        assertThat(OpenApiDocument.fieldNames(problem.at("/properties/errors/items/properties")))
                .containsExactlyInAnyOrder("field", "message");
    }

    /** The query filters are typed: a client generator sees each filter's values, bounds and default. */
    @Test
    void theQueryFiltersListTheirValuesAndBounds() {
        Map<String, JsonNode> alerts = parameters("/api/v1/alerts");
        assertThat(alerts.keySet()).contains("rule", "severity", "force", "state", "ownerRole", "lab", "deviceId",
                "from", "to", "page", "size");
        assertThat(alerts.get("rule").at("/schema/enum")).extracting(JsonNode::asText)
                .contains("DOWNLOAD_STUCK").hasSize(dev.custody.values.AlertRule.values().length);
        assertThat(alerts.get("severity").at("/schema/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("WARNING", "BREACH");
        assertThat(alerts.get("state").at("/schema/enum")).extracting(JsonNode::asText)
                .containsExactly("OPEN", "ACKNOWLEDGED", "RESOLVED");
        assertThat(alerts.get("ownerRole").at("/schema/enum")).extracting(JsonNode::asText)
                .containsExactly("VICTIM", "WITNESS", "SUSPECT", "OTHER");
        assertThat(alerts.get("deviceId").at("/schema/format").asText()).isEqualTo("uuid");
        assertThat(alerts.get("lab").at("/schema/maxLength").asInt()).isEqualTo(64);
        assertThat(alerts.get("size").at("/schema/maximum").asInt()).isEqualTo(500);
        assertThat(alerts.get("size").at("/schema/default").asInt()).isEqualTo(50);
        assertThat(parameters("/api/v1/alert-log").get("size").at("/schema/default").asInt()).isEqualTo(100);
        assertThat(parameters("/api/v1/devices").get("stage").at("/schema/enum")).extracting(JsonNode::asText)
                .contains("SEIZED", "RETURNED");
        assertThat(parameters("/api/v1/reports/retention").get("deviceType").at("/schema/enum")).isNotEmpty();
    }

    private Map<String, JsonNode> parameters(String path) {
        JsonNode op = document.json().path("paths").path(path).path("get");
        assertThat(op.isMissingNode()).as(path).isFalse();
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        op.path("parameters").forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    /** A oneOf without a discriminator is refused by a strict client when a value fits two members. */
    @Test
    void noUnionIsAmbiguous() {
        List<String> ambiguous = new ArrayList<>();
        for (var schema : iterable(document.json().at("/components/schemas"))) {
            for (var property : iterable(schema.getValue().path("properties"))) {
                if (property.getValue().has("oneOf") && !property.getValue().has("discriminator")) {
                    ambiguous.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(ambiguous).isEmpty();
    }

    private void check(String method, String path, JsonNode op, List<String> missing) {
        String name = method + " " + path;
        if (op.path("summary").asText().isBlank()) {
            missing.add(name + ": summary");
        }
        JsonNode responses = op.path("responses");
        List<String> statuses = OpenApiDocument.fieldNames(responses);
        Set<String> success = Set.copyOf(statuses.stream().filter(s -> s.startsWith("2")).toList());
        Set<String> expected = SUCCESS.getOrDefault(name, Set.of("200"));
        if (!success.equals(expected)) {
            missing.add(name + ": success statuses " + success + ", it answers " + expected);
        }
        for (String status : success) {
            JsonNode content = responses.path(status).path("content");
            if (!"204".equals(status) && (content.isMissingNode() || content.isEmpty())) {
                missing.add(name + ": " + status + " has no content schema");
            }
            if (content.has("*/*")) {
                missing.add(name + ": " + status + " does not name its media type (*/*)");
            }
        }

        boolean body = op.has("requestBody");
        boolean parameters = op.path("parameters").size() > 0;
        boolean command = StreamSupport.stream(op.path("parameters").spliterator(), false)
                .anyMatch(p -> "Idempotency-Key".equals(p.path("name").asText()));
        List<String> problems = new ArrayList<>(List.of("401", "403", "503"));
        if (body || parameters) {
            problems.add("400");
        }
        if (path.contains("{")) {
            problems.add("404");
        }
        if ("post".equals(method)) {
            problems.add("409");
        }
        if (body) {
            problems.addAll(List.of("413", "415"));
        }
        if (command) {
            problems.add("422");
        }
        for (String status : problems) {
            if (!responses.has(status)) {
                missing.add(name + ": problem response " + status);
            }
        }
        for (String status : statuses) {
            if (status.startsWith("4") || status.startsWith("5")) {
                String ref = responses.path(status).path("content").path(PROBLEM_JSON).path("schema").path("$ref")
                        .asText();
                if (!PROBLEM_REF.equals(ref)) {
                    missing.add(name + ": " + status + " is not application/problem+json with the Problem schema");
                }
                if (responses.path(status).path("description").asText().isBlank()) {
                    missing.add(name + ": " + status + " has no description");
                }
            }
        }

        if (body) {
            JsonNode media = op.path("requestBody").path("content").path("application/json");
            if (media.isMissingNode()) {
                missing.add(name + ": request body is not application/json");
            } else if (!media.has("example") && !media.has("examples")) {
                missing.add(name + ": request example");
            } else if (media.has("example")) {
                document.errors(media.path("schema"), media.path("example"))
                        .forEach(e -> missing.add(name + ": request example does not match its schema: " + e));
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
