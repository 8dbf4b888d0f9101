package dev.custody.web.form;

import org.junit.jupiter.api.Test;

import java.util.List;

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
    void noErrorsIsNothingToShow() {
        assertThat(FormErrors.none().any()).isFalse();
        assertThat(FormErrors.of("x", "The device changed", List.of()).any()).isTrue();
    }
}
