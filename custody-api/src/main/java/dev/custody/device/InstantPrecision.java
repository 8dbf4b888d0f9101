package dev.custody.device;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants in requests are cut to microseconds, PostgreSQL's precision, before they reach a command. A time with
 * finer digits would be stored in the event as sent but read back from every table a microsecond apart, so a
 * deadline worked out from the event would never match the alert stored for it, and that alert would never resolve.
 */
@Configuration(proxyBeanMethods = false)
class InstantPrecision {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer microsecondInstants() {
        return builder -> builder.deserializerByType(Instant.class, new Micros());
    }

    static final class Micros extends StdDeserializer<Instant> {

        Micros() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
