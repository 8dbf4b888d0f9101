package dev.custody.events;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.OwnerRole;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Instances of the contract's records with a value in every component, for round-trip and schema tests. */
public final class Samples {

    private Samples() {
    }

    /** One sample of every event type. */
    public static List<DeviceEvent> everyEvent() {
        return Arrays.stream(DeviceEvent.class.getPermittedSubclasses()).map(t -> (DeviceEvent) of(t)).toList();
    }

    /** Every component set; each enum takes its {@code variant}-th constant (modulo its size). */
    public static Object of(Type type, int variant) {
        try {
            return sample(type, variant);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no sample for " + type, e);
        }
    }

    public static Object of(Type type) {
        return of(type, -1);
    }

    /** An alert change with every field set, as the alert publisher writes it. */
    public static AlertMessage alert(AlertMessage.Change change) {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        return new AlertMessage(UUID.fromString("0b8b0f1e-7c4e-4c1b-9d55-0f0f3c2a9e11"), AlertRule.RETURN_24H,
                AlertSeverity.BREACH, DeviceId.of("4bfb1336-c47d-4b3a-90b2-4b939887711c"),
                new ForceCode("dyfed-powys"), OwnerRole.VICTIM, new LabId("dyfed-powys-dfu"), 1, t,
                t.plusSeconds(1), AlertMessage.State.RESOLVED, AlertMessage.Resolution.LATE, t.plusSeconds(3600),
                "DeviceReturned", 3600L, "sergeant-1", t.plusSeconds(60), "on it", change, t.plusSeconds(3600));
    }

    private static Object sample(Type type, int variant) throws ReflectiveOperationException {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Object element = sample(p.getActualTypeArguments()[0], variant);
            if (List.class.equals(raw)) {
                return List.of(element);
            }
            if (Set.class.equals(raw)) {
                return Set.of(element);
            }
            throw new IllegalArgumentException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "text";
        } else if (c == int.class || c == Integer.class) {
            return 3;
        } else if (c == long.class || c == Long.class) {
            return 42L;
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c == Instant.class) {
            return Instant.parse("2026-11-23T10:15:30.123456Z");
        } else if (c == LocalDate.class) {
            return LocalDate.parse("2026-03-01");
        } else if (c == Duration.class) {
            return Duration.ofHours(30);
        } else if (c == Period.class) {
            return Period.ofMonths(12);
        } else if (c == UUID.class) {
            return UUID.fromString("6c6bc77b-b792-4e6a-97e3-c28c6a874353");
        } else if (c == ForceCode.class) {
            return new ForceCode("dyfed-powys");
        } else if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[Math.floorMod(variant, constants.length)];
        } else if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            for (int i = 0; i < components.length; i++) {
                args[i] = sample(components[i].getGenericType(), variant);
            }
            return c.getDeclaredConstructor(types).newInstance(args);
        }
        throw new IllegalArgumentException("no sample for " + c);
    }
}
