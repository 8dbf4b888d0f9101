package dev.custody.edge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneTo255PrintableAsciiCharacters() {
        assertThat(IdempotencyKey.check(null)).isNull();
        assertThat(IdempotencyKey.check("k".repeat(255))).hasSize(255);
        assertThat(IdempotencyKey.check("a b~!")).isEqualTo("a b~!");
        for (String bad : List.of("k".repeat(256), "", "   ", "cl\u00e9", "tab\tkey", "nul\u0000", "\uD83D\uDD11")) {
            assertThatThrownBy(() -> IdempotencyKey.check(bad)).as(bad).isInstanceOfSatisfying(Problem.class, p -> {
                assertThat(p.status().value()).isEqualTo(400);
                assertThat(p.rule()).isEqualTo("invalid-header");
                assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("Idempotency-Key");
            });
        }
    }

    @Test
    void thePublishedPatternSaysTheSame() {
        for (String sample : List.of("abc", " a ", "   ", "cl\u00e9", "a\tb")) {
            boolean accepted;
            try {
                IdempotencyKey.check(sample);
                accepted = true;
            } catch (Problem e) {
                accepted = false;
            }
            assertThat(sample.matches(IdempotencyKey.PATTERN)).as(sample).isEqualTo(accepted);
        }
    }
}
