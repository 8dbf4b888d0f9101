package dev.custody.device;

import dev.custody.edge.FieldBounds;
import dev.custody.edge.FieldBounds.Bound;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the command side takes is bounded at the edge: each text has a maximum length and is one line or
 * free text (so no control character gets in), each list or set a maximum size, each time or date a plausible
 * window. A new field without its bound fails here.
 */
class DeviceRequestsBoundsTest {

    static List<Class<?>> requests() {
        return Arrays.stream(DeviceRequests.class.getDeclaredClasses()).filter(Class::isRecord).toList();
    }

    @Test
    void everyFieldOfEveryRequestIsBounded() {
        assertThat(requests()).hasSizeGreaterThan(20);
        for (Class<?> request : requests()) {
            for (Bound bound : FieldBounds.of(request).values()) {
                String where = request.getSimpleName() + "." + bound.field();
                if (CharSequence.class.isAssignableFrom(bound.type())) {
                    assertThat(bound.maxLength()).as(where + " has a maximum length").isNotNull();
                    assertThat(bound.line() || bound.multiline()).as(where + " is @Line or @FreeText").isTrue();
                }
                if (Collection.class.isAssignableFrom(bound.type())) {
                    assertThat(bound.maxItems()).as(where + " has a maximum size").isNotNull();
                }
                if (bound.type() == Instant.class || bound.type() == LocalDate.class) {
                    assertThat(bound.plausible()).as(where + " is @Plausible").isNotNull();
                }
            }
        }
    }

    @Test
    void aFormCanReadTheBoundsOfNestedFields() {
        Bound line = FieldBounds.of(DeviceRequests.SeizeDeviceRequest.class, "legal.justification.lineOfEnquiry");
        assertThat(line.maxLength()).isEqualTo(4_000);
        assertThat(line.multiline()).isTrue();
        assertThat(FieldBounds.of(DeviceRequests.SeizeDeviceRequest.class, "timeSensitiveData").maxItems()).isEqualTo(20);
        assertThat(FieldBounds.of(DeviceRequests.SeizeDeviceRequest.class, "timeSensitiveData[3].detail").maxLength())
                .isEqualTo(200);
        assertThat(FieldBounds.of(DeviceRequests.SeizeDeviceRequest.class, "caseReference").required()).isTrue();
    }
}
