package dev.custody.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The served OpenAPI document ({@code /v3/api-docs}) and checks of JSON against its schemas with networknt's
 * validator (OpenAPI 3.0 schemas are JSON Schema draft 4 plus keywords the validator ignores; formats asserted).
 * A schema is checked as a document of its own that carries the served {@code components}, so its
 * {@code #/components/schemas/...} references resolve as they do in the document.
 */
public final class OpenApiDocument {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /**
     * The document as any authenticated caller reads it. springdoc builds it on the first request, which on a
     * loaded machine can outlast the client's timeout: asked up to three times.
     */
    public static OpenApiDocument served(Api api) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Api.Response r = api.get("inspector", "/v3/api-docs");
                if (r.status() != 200 || r.json() == null) {
                    throw new AssertionError("/v3/api-docs: " + r);
                }
                return new OpenApiDocument(r.json());
            } catch (java.io.UncheckedIOException timedOut) {
                last = timedOut;
            }
        }
        throw last;
    }

    public JsonNode json() {
        return document;
    }

    /** One operation of the document, by HTTP method and path template; missing node when there is none. */
    public JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    /** What is wrong with {@code json} against {@code schema} (a node of this document): empty when it is valid. */
    public List<String> errors(JsonNode schema, JsonNode json) {
        ObjectNode root = schema.deepCopy();
        root.set("components", document.path("components"));
        return FACTORY.getSchema(root, CONFIG).validate(json).stream().map(ValidationMessage::toString).toList();
    }

    /**
     * What is wrong with a real response against the document: its status must be one the operation documents,
     * its media type one documented for that status, and its body valid against that media type's schema; a
     * status documented without content must have no body.
     *
     * @return empty when the response is as documented
     */
    public List<String> violations(String method, String path, Api.Response response) {
        List<String> problems = new ArrayList<>();
        String where = method + " " + path + " " + response.status();
        JsonNode operation = operation(method, path);
        if (operation.isMissingNode()) {
            return List.of(method + " " + path + ": no such operation in the document");
        }
        JsonNode documented = operation.path("responses").path(String.valueOf(response.status()));
        if (documented.isMissingNode()) {
            return List.of(where + ": status not documented; documented: "
                    + fieldNames(operation.path("responses")));
        }
        JsonNode content = documented.path("content");
        String body = response.text();
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isBlank()) {
                problems.add(where + ": documented without a body, but answered " + body);
            }
            return problems;
        }
        String type = response.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim();
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            problems.add(where + ": media type " + mediaType + " not documented; documented: " + fieldNames(content));
            return problems;
        }
        if (response.json() == null) {
            problems.add(where + ": documented as JSON, but answered " + body);
            return problems;
        }
        errors(media.path("schema"), response.json()).forEach(e -> problems.add(where + ": " + e));
        return problems;
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
