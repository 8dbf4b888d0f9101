package dev.custody.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.commands.DeviceCommand;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.LifecycleStep;
import dev.custody.values.DeviceId;
import dev.custody.values.Role;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event contract: every event round-trips through JSON unchanged (the event store and Kafka depend on it), ids
 * are plain strings, and no event has a field that could hold personal contact details.
 */
class EventContractTest {

    /** The contract's mapping, strict about unknown properties so that a round trip loses nothing unseen. */
    private static final ObjectMapper JSON = EventJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final List<String> CONTACT_WORDS = List.of("email", "phone", "mobile", "address", "postcode",
            "telephone", "dateofbirth", "birth");

    @Test
    void everyEventRoundTripsThroughJson() throws Exception {
        Class<?>[] events = DeviceEvent.class.getPermittedSubclasses();
        assertThat(events).hasSizeGreaterThanOrEqualTo(15);
        for (Class<?> type : events) {
            Object event = sample(type);
            String json = JSON.writeValueAsString(event);
            assertThat(JSON.readValue(json, type)).as(type.getSimpleName() + " " + json).isEqualTo(event);
        }
    }

    @Test
    void everyCommandRoundTripsThroughJson() throws Exception {
        for (Class<?> type : DeviceCommand.class.getPermittedSubclasses()) {
            Object command = sample(type);
            assertThat(JSON.readValue(JSON.writeValueAsString(command), type)).isEqualTo(command);
        }
    }

    @Test
    void idsAreWrittenAsPlainStrings() throws Exception {
        DeviceId id = new DeviceId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(JSON.writeValueAsString(id)).isEqualTo("\"00000000-0000-0000-0000-000000000001\"");
    }

    @Test
    void noEventFieldCanHoldContactDetails() {
        List<String> offending = new ArrayList<>();
        for (Class<?> type : DeviceEvent.class.getPermittedSubclasses()) {
            collectContactFields(type, type.getSimpleName(), offending, 0);
        }
        collectContactFields(AlertMessage.class, "AlertMessage", offending, 0);
        assertThat(offending).as("contact details belong in the erasable contact vault, never in an event").isEmpty();
    }

    @Test
    void theAlertMessageRoundTripsThroughJson() throws Exception {
        for (AlertMessage.Change change : AlertMessage.Change.values()) {
            AlertMessage message = Samples.alert(change);
            assertThat(JSON.readValue(JSON.writeValueAsString(message), AlertMessage.class)).isEqualTo(message);
        }
    }

    @Test
    void stagesFollowTheLifecycle() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Actor a = new Actor("x", Set.of(Role.LAB), null, null);
        DeviceId id = DeviceId.random();
        assertThat(new DeviceEvent.DownloadCompleted(id, t, t, a, 1, "h", 1).stageAfter(CustodyStage.DOWNLOADING))
                .isEqualTo(CustodyStage.DOWNLOADED);
        assertThat(new DeviceEvent.ReplacementIssued(id, t, t, a, 1, null, null).stageAfter(CustodyStage.AT_LAB))
                .isEqualTo(CustodyStage.AT_LAB);
        assertThat(new DeviceEvent.VictimNotified(id, t, t, a, null, null, "r", null).advancesLifecycle()).isFalse();
    }

    @Test
    void everyLifecycleStepIsRecordedByExactlyOneEventType() throws Exception {
        Map<LifecycleStep, List<String>> recordedBy = new EnumMap<>(LifecycleStep.class);
        for (Class<?> type : DeviceEvent.class.getPermittedSubclasses()) {
            recordedBy.computeIfAbsent(((DeviceEvent) sample(type)).step(), s -> new ArrayList<>())
                    .add(type.getSimpleName());
        }
        assertThat(recordedBy.keySet()).containsExactlyInAnyOrder(LifecycleStep.values());
        assertThat(recordedBy.values()).allSatisfy(types -> assertThat(types).hasSize(1));
    }

    @Test
    void theTableWalksADeviceFromSeizureToReturnAndBack() {
        CustodyStage stage = null;
        for (LifecycleStep step : List.of(LifecycleStep.LAB_RECEIPT, LifecycleStep.DOWNLOAD_START,
                LifecycleStep.DOWNLOAD_FAILURE, LifecycleStep.DOWNLOAD_START, LifecycleStep.DOWNLOAD_COMPLETION,
                LifecycleStep.DOWNLOAD_VERIFICATION, LifecycleStep.EXAMINATION_START,
                LifecycleStep.EXAMINATION_COMPLETION, LifecycleStep.READY_FOR_COLLECTION, LifecycleStep.RETURN,
                LifecycleStep.SEIZURE)) {
            CustodyStage before = stage == null ? LifecycleStep.SEIZURE.stageAfter(null) : stage;
            assertThat(step.isAllowedFrom(before)).as(step + " from " + before).isTrue();
            stage = step.stageAfter(before);
        }
        assertThat(stage).isEqualTo(CustodyStage.SEIZED);
        assertThat(LifecycleStep.LAB_RECEIPT.isAllowedFrom(CustodyStage.DOWNLOADED)).isFalse();
        assertThat(LifecycleStep.SEIZURE.isAllowedFrom(CustodyStage.AT_LAB)).as("a held device is not seized again")
                .isFalse();
        assertThat(LifecycleStep.DOWNLOAD_VERIFICATION.stageAfter(CustodyStage.EXAMINING))
                .isEqualTo(CustodyStage.EXAMINING);
        assertThat(LifecycleStep.READY_FOR_COLLECTION.isAllowedFrom(CustodyStage.READY_FOR_COLLECTION)).isFalse();
        assertThat(LifecycleStep.REPLACEMENT_RETURN.isAllowedFrom(CustodyStage.RETURNED)).isTrue();
        assertThat(LifecycleStep.RETURN.isAllowedFrom(CustodyStage.RETURNED)).isFalse();
    }

    private static void collectContactFields(Class<?> type, String path, List<String> offending, int depth) {
        if (!type.isRecord() || depth > 5) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName().toLowerCase(Locale.ROOT);
            if (CONTACT_WORDS.stream().anyMatch(name::contains)) {
                offending.add(path + "." + component.getName());
            }
            collectContactFields(component.getType(), path + "." + component.getName(), offending, depth + 1);
        }
    }

    static Object sample(Type type) {
        return Samples.of(type);
    }
}
