package dev.custody.web.form;

import dev.custody.edge.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormErrorsTest {

    @Test
    void fieldsAreLinkedByTheirRequestPath() {
        FormErrors errors = FormErrors.of("invalid-request", null, List.of(
                new FormErrors.FieldProblem("sealCheck.sealNumber", "must not be blank"),
                new FormErrors.FieldProblem("timeSensitiveData[0].kind", "must not be null")));
        assertThat(errors.any()).isTrue();
        assertThat(errors.fields()).extracting(FormErrors.FieldProblem::id)
                .containsExactly("sealCheck-sealNumber", "timeSensitiveData-0-kind");
        assertThat(errors.message("sealCheck.sealNumber")).isEqualTo("must not be blank");
        assertThat(errors.has("tool")).isFalse();
    }

    @Test
    void anEmptyFieldIsAskedForInWordsAndOtherGenericMessagesNameTheirField() {
        Problem problem = Problem.invalid("invalid-request", List.of(new Problem.FieldError("reason", "must not be blank"),
                new Problem.FieldError("note", "size must be between 0 and 2000")));
        FormErrors errors = FormErrors.from(problem, Map.of("reason", "Why", "note", "Note"),
                Map.of("reason", "Enter why the device must be kept longer", "note", "Enter a note"));
        assertThat(errors.message("reason")).isEqualTo("Enter why the device must be kept longer");
        assertThat(errors.message("note")).isEqualTo("Note: size must be between 0 and 2000");
    }

    @Test
    void noErrorsIsNothingToShow() {
        assertThat(FormErrors.none().any()).isFalse();
        assertThat(FormErrors.of("x", "The device changed", List.of()).any()).isTrue();
    }
}
