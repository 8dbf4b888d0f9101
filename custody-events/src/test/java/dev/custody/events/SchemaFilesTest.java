package dev.custody.events;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas in {@code src/main/resources/schemas} describe exactly the contract's records: every event type
 * has its schema with the record's fields, every value record and enum its definition named after the Java type, and
 * every event and alert message the contract's mapping writes is valid against them (every enum constant included).
 * A field, a type or a constant added to the Java records without its schema fails here.
 */
class SchemaFilesTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final List<String> COMMON = List.of("deviceId", "occurredAt", "recordedAt", "actor");

    static Stream<Class<?>> eventTypes() {
        return Arrays.stream(DeviceEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeHasASchemaWithExactlyItsFields(Class<?> type) {
        JsonNode schema = ContractSchemas.json(ContractSchemas.event(type));
        assertThat(names(schema.get("properties"))).as(type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(components(type));
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        List<String> required = new ArrayList<>(COMMON);
        Arrays.stream(type.getRecordComponents()).filter(c -> c.getType().isPrimitive())
                .forEach(c -> required.add(c.getName()));
        assertThat(names(schema.get("required"))).as("required: the common fields and the primitives, which are "
                + "always written; anything else may be left out").containsExactlyInAnyOrderElementsOf(required);
    }

    @Test
    void everyValueRecordAndEnumHasItsDefinition() {
        JsonNode values = ContractSchemas.json(ContractSchemas.VALUES).get("$defs");
        JsonNode alertDefs = ContractSchemas.json(ContractSchemas.ALERT_MESSAGE).get("$defs");
        Set<Class<?>> reachable = new LinkedHashSet<>();
        eventTypes().forEach(t -> collect(t, reachable));
        collect(AlertMessage.class, reachable);
        reachable.removeAll(Arrays.asList(DeviceEvent.class.getPermittedSubclasses()));
        reachable.remove(AlertMessage.class);
        assertThat(reachable).hasSizeGreaterThan(30);
        for (Class<?> type : reachable) {
            JsonNode definition = type.getEnclosingClass() == AlertMessage.class
                    ? alertDefs.get(type.getSimpleName()) : values.get(type.getSimpleName());
            assertThat(definition).as("a definition for " + type.getName()).isNotNull();
            if (type.isEnum()) {
                assertThat(names(definition.get("enum"))).as(type.getSimpleName())
                        .containsExactly(Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                .toArray(String[]::new));
            } else if (isSingleValue(type)) {
                assertThat(definition.get("type").asText()).as(type.getSimpleName()).isEqualTo("string");
            } else {
                assertThat(names(definition.get("properties"))).as(type.getSimpleName())
                        .containsExactlyInAnyOrderElementsOf(components(type));
                assertThat(definition.get("additionalProperties").asBoolean(true)).isFalse();
            }
        }
    }

    @Test
    void theAlertMessageSchemaHasExactlyItsFields() {
        JsonNode schema = ContractSchemas.json(ContractSchemas.ALERT_MESSAGE);
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(components(AlertMessage.class));
    }

    @Test
    void theEventsTopicSchemaKnowsEveryEventTypeAndGivesEachItsDataSchema() {
        JsonNode topic = ContractSchemas.json(ContractSchemas.EVENTS_TOPIC);
        List<String> types = eventTypes().map(t -> "dev.custody." + t.getSimpleName()).toList();
        assertThat(names(topic.at("/properties/type/enum"))).containsExactlyInAnyOrderElementsOf(types);
        List<String> dispatched = new ArrayList<>();
        topic.get("allOf").forEach(branch -> {
            String type = branch.at("/if/properties/type/const").asText();
            String dataSchema = branch.at("/then/properties/data/$ref").asText();
            assertThat(dataSchema).isEqualTo("events/" + type.substring("dev.custody.".length()) + ".schema.json");
            dispatched.add(type);
        });
        assertThat(dispatched).containsExactlyInAnyOrderElementsOf(types);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventAsWrittenIsValidWithEveryEnumConstant(Class<?> type) throws Exception {
        for (int variant = 0; variant < 12; variant++) {
            String json = JSON.writeValueAsString(Samples.of(type, variant));
            assertThat(ContractSchemas.errors(ContractSchemas.event(type), json)).as(json).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(AlertMessage.Change.class)
    void theAlertMessageAsWrittenIsValid(AlertMessage.Change change) throws Exception {
        String json = JSON.writeValueAsString(Samples.alert(change));
        assertThat(ContractSchemas.errors(ContractSchemas.ALERT_MESSAGE, json)).as(json).isEmpty();
    }

    @Test
    void theSchemasRefuseWhatTheContractDoesNotWrite() {
        ObjectNode seized = JSON.valueToTree(Samples.of(DeviceEvent.DeviceSeized.class));
        String schema = ContractSchemas.event(DeviceEvent.DeviceSeized.class);
        assertThat(ContractSchemas.errors(schema, seized.deepCopy().put("victimEmail", "x@example.org"))).isNotEmpty();
        ObjectNode badRole = seized.deepCopy();
        ((ObjectNode) badRole.at("/details")).put("ownerRole", "BYSTANDER");
        assertThat(ContractSchemas.errors(schema, badRole)).isNotEmpty();
        ObjectNode badTime = seized.deepCopy().put("occurredAt", "yesterday");
        assertThat(ContractSchemas.errors(schema, badTime)).isNotEmpty();
        ObjectNode noActor = seized.deepCopy();
        noActor.remove("actor");
        assertThat(ContractSchemas.errors(schema, noActor)).isNotEmpty();
        ObjectNode alert = JSON.valueToTree(Samples.alert(AlertMessage.Change.RAISED));
        alert.put("rule", "NO_SUCH_RULE");
        assertThat(ContractSchemas.errors(ContractSchemas.ALERT_MESSAGE, alert)).isNotEmpty();
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof ParameterizedType p) {
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> collect(a, into));
            return;
        }
        Class<?> c = (Class<?>) type;
        if (!c.getName().startsWith("dev.custody.") || !into.add(c)) {
            return;
        }
        if (c.isRecord() && !isSingleValue(c)) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
    }

    private static boolean isSingleValue(Class<?> type) {
        return type.isRecord() && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getAccessor().isAnnotationPresent(JsonValue.class);
    }

    private static List<String> components(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
