package dev.custody.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the contract's records: how events are stored in the event store, published to Kafka and
 * read back by every consumer (and how the alert message is written and read).
 * <ul>
 *   <li>times as ISO-8601 text, in UTC as given ({@code 2026-11-23T10:15:30.123456Z}), durations and periods as
 *       ISO-8601 text ({@code PT30H}, {@code P12M});</li>
 *   <li>a field without a value is left out, and read back as null;</li>
 *   <li>unknown properties are ignored, so an older reader can read what a newer writer added.</li>
 * </ul>
 * A new mapper on every call: Axon registers its own modules on the one it is given.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
