package dev.custody.edge;

import dev.custody.edge.TimeWindow.Horizon;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edge's constraints as Bean Validation runs them, with the field paths a client and a form see. */
class BoundsValidationTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    enum Kind { A, B }

    record Item(@Size(max = 5) @Line String name, @Plausible(Horizon.FUTURE) Instant expiresAt) {
    }

    record Form(@NotNull @Plausible Instant occurredAt,
                @Plausible LocalDate from,
                @Size(max = 10) @Line String reference,
                @Size(max = 100) @FreeText String note,
                @Size(max = 2) List<@NotNull @Valid Item> items,
                @Size(max = 2) Set<@NotNull Kind> kinds) {
    }

    private final TimeWindow window = new TimeWindow(InputLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Validator validator = Validation.validator(window);

    @Test
    void aValidFormPasses() {
        Validation.check(validator, new Form(NOW.minusSeconds(60), LocalDate.parse("2026-12-01"), "DP-1", "a\nb",
                List.of(new Item("app", NOW.plusSeconds(86_400 * 365L))), Set.of(Kind.A)));
    }

    @Test
    void everyBadFieldIsNamedByItsPath() {
        List<Item> items = new ArrayList<>(Arrays.asList(new Item("toolong", Instant.parse("+99999-01-01T00:00:00Z")),
                null));
        Set<Kind> kinds = new HashSet<>(Arrays.asList(Kind.A, null));
        Form form = new Form(Instant.parse("-0001-01-01T00:00:00Z"), LocalDate.parse("2026-12-02"), "DP\u00001",
                "bell\u0007", items, kinds);
        assertThatThrownBy(() -> Validation.check(validator, form)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.status().value()).isEqualTo(400);
            assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("from", "items[0].expiresAt",
                    "items[0].name", "items[1]", "kinds", "note", "occurredAt", "reference");
            assertThat(p.errors()).filteredOn(e -> e.field().equals("occurredAt")).singleElement()
                    .extracting(Problem.FieldError::message).asString()
                    .isEqualTo("must be an ISO-8601 instant from 2000-01-01T00:00:00Z to 5 minutes after the current time");
            assertThat(p.errors()).filteredOn(e -> e.field().equals("from")).singleElement()
                    .extracting(Problem.FieldError::message).asString()
                    .isEqualTo("must be a date from 2000-01-01 to today");
        });
    }

    @Test
    void theWindowRunsFromTheEarliestToAFewMinutesOrYearsAhead() {
        assertThat(window.admits(Horizon.PAST, NOW.plusSeconds(300))).isTrue();
        assertThat(window.admits(Horizon.PAST, NOW.plusSeconds(301))).isFalse();
        assertThat(window.admits(Horizon.PAST, Instant.parse("2000-01-01T00:00:00Z"))).isTrue();
        assertThat(window.admits(Horizon.PAST, Instant.parse("1999-12-31T23:59:59Z"))).isFalse();
        assertThat(window.admits(Horizon.FUTURE, Instant.parse("2036-12-01T11:59:59Z"))).isTrue();
        assertThat(window.admits(Horizon.FUTURE, Instant.parse("2036-12-01T12:00:01Z"))).isFalse();
        assertThat(window.admits(Horizon.PAST, LocalDate.parse("2026-12-01"))).isTrue();
        assertThat(window.admits(Horizon.PAST, LocalDate.parse("2026-12-02"))).isFalse();
        assertThat(window.admits(Horizon.FUTURE, LocalDate.parse("2036-12-01"))).isTrue();
        assertThat(window.admits(Horizon.FUTURE, LocalDate.MAX)).isFalse();
        assertThat(window.admits(Horizon.FUTURE, LocalDate.MIN)).isFalse();
    }

    @Test
    void aFormReadsEachBound() {
        assertThat(FieldBounds.of(Form.class, "reference").maxLength()).isEqualTo(10);
        assertThat(FieldBounds.of(Form.class, "note").multiline()).isTrue();
        assertThat(FieldBounds.of(Form.class, "items").maxItems()).isEqualTo(2);
        assertThat(FieldBounds.of(Form.class, "items[1].name").maxLength()).isEqualTo(5);
        assertThat(FieldBounds.of(Form.class, "occurredAt").required()).isTrue();
        assertThat(FieldBounds.of(Form.class, "occurredAt").plausible()).isEqualTo(Horizon.PAST);
        assertThat(FieldBounds.of(Form.class, "items[].expiresAt").plausible()).isEqualTo(Horizon.FUTURE);
        assertThatThrownBy(() -> FieldBounds.of(Form.class, "nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
