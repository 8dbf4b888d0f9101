package dev.custody.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * How request bodies are read as JSON, on top of Spring Boot's mapper: every string is {@linkplain Text#normalise
 * normalised} (NFC, {@code \n} line ends) as it is read, and an enum is accepted only as one of its names, never as a
 * number (Jackson's default reads {@code 0} and {@code "0"} as the first constant) or in another case. A refused enum
 * names the field, and the problem handler lists the allowed names.
 * <p>
 * Only Spring's mapper for requests and responses has this module: the event store and Kafka use {@code EventJson}.
 */
public final class EdgeJson {

    private EdgeJson() {
    }

    public static Module module() {
        SimpleModule module = new SimpleModule("custody-edge");
        module.addDeserializer(String.class, new NormalisedString());
        module.setDeserializerModifier(new EnumsByName());
        return module;
    }

    static final class NormalisedString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Text.normalise(super.deserialize(p, ctxt));
        }
    }

    static final class EnumsByName extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description, JsonDeserializer<?> deserializer) {
            return new ByName(deserializer, type.getRawClass());
        }
    }

    /** Lets only a JSON string that is not a number through to Jackson's enum reading, which matches it by name. */
    static final class ByName extends StdDeserializer<Object> implements ContextualDeserializer {

        private final JsonDeserializer<?> byName;

        ByName(JsonDeserializer<?> byName, Class<?> type) {
            super(type);
            this.byName = byName;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            return byName instanceof ContextualDeserializer contextual
                    ? new ByName(contextual.createContextual(ctxt, property), handledType()) : this;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            if (text.isEmpty() || text.chars().allMatch(Character::isDigit)) {
                return ctxt.handleWeirdStringValue(handledType(), text, "not one of the names");
            }
            return byName.deserialize(p, ctxt);
        }
    }
}
