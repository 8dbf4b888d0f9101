package dev.custody.device;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.edge.FieldBounds;
import dev.custody.edge.FieldBounds.Bound;
import dev.custody.edge.InputLimits;
import dev.custody.edge.Problem;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.Validation;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.EventJson;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.Reseizure;
import dev.custody.values.Role;
import dev.custody.values.ScopeReview;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No event can exceed the broker's largest message: the largest request the bounds allow is built from the bounds
 * themselves (every text at its maximum length in characters that take three bytes in UTF-8, every list full), shown
 * to be valid, and its event serialised as the event store and Kafka write it. The command service's own cap
 * ({@code custody.input.max-event-bytes}) is the last line behind that.
 */
class EventSizeTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** The widest character a bounded text can hold: three bytes in UTF-8, one UTF-16 unit, no JSON escape. */
    static final char WIDE = '\u20AC';
    /** Kafka's default max.request.size and message.max.bytes. */
    static final int BROKER_MAX = 1_000_000;
    /** What the CloudEvents envelope and record headers add, generously. */
    static final int ENVELOPE = 16 * 1024;

    private final TimeWindow window = new TimeWindow(InputLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Validator validator = Validation.validator(window);
    private final ObjectWriter eventJson = EventJson.mapper().writer();
    private final Actor actor = new Actor("a".repeat(256), EnumSet.allOf(Role.class),
            new ForceCode("f" + "-".repeat(39)), null);

    @Test
    void theLargestSeizureTheBoundsAllowIsFarBelowTheBrokersLimit() throws Exception {
        SeizeDeviceRequest request = largest(SeizeDeviceRequest.class);
        Validation.check(validator, request);
        DeviceSeized event = new DeviceSeized(DeviceId.random(), NOW, NOW, actor, actor.force(), Integer.MAX_VALUE,
                new Reseizure(NOW, Duration.ofDays(36_500)), DeviceCommands.details(request, actor),
                new ScopeReview(Period.ofYears(100), true));
        int bytes = eventJson.writeValueAsBytes(event).length;
        System.out.println("Largest seizure event the bounds allow: " + bytes + " bytes");
        assertThat(bytes).isLessThan((int) InputLimits.DEFAULT.maxEventBytes().toBytes());
        assertThat(eventJson.writeValueAsBytes(request).length).as("the request itself fits in a body")
                .isLessThan((int) InputLimits.DEFAULT.maxBody().toBytes());
        assertThat(InputLimits.DEFAULT.maxEventBytes().toBytes() + ENVELOPE).isLessThan(BROKER_MAX);
    }

    @Test
    void everyOtherStepIsSmallerThanASeizure() throws Exception {
        int seizure = eventJson.writeValueAsBytes(largest(SeizeDeviceRequest.class)).length;
        for (Class<?> type : DeviceRequestsBoundsTest.requests()) {
            Object request = largest(type);
            if (type.getSimpleName().endsWith("Request") && FieldBounds.of(type).containsKey("occurredAt")) {
                Validation.check(validator, request);
            }
            assertThat(eventJson.writeValueAsBytes(request).length).as(type.getSimpleName()).isLessThanOrEqualTo(seizure);
        }
    }

    @Test
    void theCommandServiceRefusesACommandOverTheCapAndStoresNothing() throws Exception {
        InputLimits small = new InputLimits(null, null, null, null, null, DataSize.ofKilobytes(4));
        // No gateway and no idempotency store: reaching either would fail with a NullPointerException.
        DeviceCommands commands = new DeviceCommands(null, null, validator, small);
        assertThatThrownBy(() -> commands.seize(actor, DeviceCommands.Conditions.NONE, largest(SeizeDeviceRequest.class)))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(413);
                    assertThat(p.rule()).isEqualTo("event-too-large");
                });
    }

    /** The largest instance of a request record that its bounds allow. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> T largest(Class<T> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Class<?> raw = c.getType();
            Bound bound = FieldBounds.of(type).get(c.getName());
            if (raw == String.class) {
                values[i] = String.valueOf(WIDE).repeat(bound.maxLength() == null ? 1 : bound.maxLength());
            } else if (raw == Instant.class) {
                values[i] = bound.plausible() == TimeWindow.Horizon.FUTURE
                        ? window.latest(TimeWindow.Horizon.FUTURE) : NOW;
            } else if (raw == LocalDate.class) {
                values[i] = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
            } else if (raw.isEnum()) {
                values[i] = Arrays.stream(raw.getEnumConstants()).max(Comparator.comparing(e -> ((Enum) e).name().length()))
                        .orElseThrow();
            } else if (raw == UUID.class) {
                values[i] = UUID.randomUUID();
            } else if (raw == boolean.class || raw == Boolean.class) {
                values[i] = Boolean.TRUE;
            } else if (raw == int.class || raw == Integer.class) {
                values[i] = 90;
            } else if (raw == long.class || raw == Long.class) {
                values[i] = bound.max() != null ? bound.max() : 1L;
            } else if (Collection.class.isAssignableFrom(raw)) {
                Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                if (element.isEnum()) {
                    values[i] = EnumSet.allOf((Class<Enum>) element);
                } else {
                    List<Object> items = new ArrayList<>();
                    for (int n = 0; n < bound.maxItems(); n++) {
                        items.add(largest(element));
                    }
                    values[i] = Set.class.isAssignableFrom(raw) ? Set.copyOf(items) : items;
                }
            } else if (raw.isRecord()) {
                values[i] = largest(raw);
            } else {
                throw new IllegalStateException("no largest value for " + type.getSimpleName() + "." + c.getName());
            }
        }
        Type[] parameters = Arrays.stream(components).map(RecordComponent::getType).toArray(Type[]::new);
        var constructor = type.getDeclaredConstructor(Arrays.stream(parameters).map(t -> (Class<?>) t)
                .toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }
}
