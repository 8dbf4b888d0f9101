package dev.custody.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's JSON Schemas ({@code custody-events/src/main/resources/schemas/}), loaded from the classpath and
 * checked with networknt's validator, formats (uuid, date-time, date, duration) asserted. For the producers' and
 * consumers' contract tests.
 */
public final class ContractSchemas {

    public static final String BASE = "https://custody.example/schemas/";
    public static final String EVENTS_TOPIC = "custody.events.v1.schema.json";
    public static final String ALERTS_TOPIC = "custody.alerts.v1.schema.json";
    public static final String ALERT_MESSAGE = "alert-message.schema.json";
    public static final String VALUES = "values.schema.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The schema of one event type's data, {@code events/<Type>.schema.json}. */
    public static String event(Class<?> type) {
        return "events/" + type.getSimpleName() + ".schema.json";
    }

    public static JsonSchema schema(String file) {
        return SCHEMAS.computeIfAbsent(file, f -> FACTORY.getSchema(SchemaLocation.of(BASE + f), CONFIG));
    }

    /** What is wrong with {@code json} against the schema in {@code file}: empty when it is valid. */
    public static List<String> errors(String file, String json) {
        return schema(file).validate(json, InputFormat.JSON).stream().map(ValidationMessage::toString).toList();
    }

    public static List<String> errors(String file, JsonNode json) {
        return schema(file).validate(json).stream().map(ValidationMessage::toString).toList();
    }

    /** The schema file as JSON, for checks of its structure. */
    public static JsonNode json(String file) {
        return schema(file).getSchemaNode();
    }
}
