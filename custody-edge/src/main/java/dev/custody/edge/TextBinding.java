package dev.custody.edge;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * The same normalisation as {@link EdgeJson} for what is not JSON: web form fields, query parameters, path variables
 * and headers bound to a String, in every controller and page.
 */
@ControllerAdvice
public class TextBinding {

    @InitBinder
    void normalise(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new Normalised());
    }

    static final class Normalised extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            setValue(Text.normalise(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }
}
