package dev.custody.projections.view;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How a {@link DeviceView} is kept in {@code device_status.state}: its fields as JSON, independent of the web
 * mapper, so changing how the API renders JSON never changes what is stored. Unknown fields are ignored, so a view
 * written by a newer node can be read by an older one during a rolling upgrade.
 */
public final class DeviceViewJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private DeviceViewJson() {
    }

    public static String write(DeviceView view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the view of device " + view.deviceId(), e);
        }
    }

    public static DeviceView read(String json) {
        try {
            return MAPPER.readValue(json, DeviceView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored device view", e);
        }
    }
}
