package dev.custody.projections.access;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WhereTest {

    @Test
    void eachGivenValueAddsItsConditionAndItsParameterInOrderAfterTheEarlierOnes() {
        UUID device = UUID.randomUUID();
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        List<Object> args = new ArrayList<>(List.of("earlier"));

        String sql = Where.appendingTo(args).equal("force", "dyfed-powys").equal("lab", null)
                .equal("device_id", device).atOrAfter("raised_at", from).before("raised_at", null)
                .equal("held", true).toString();

        assertThat(sql).isEqualTo(" and force = ? and device_id = ? and raised_at >= ? and held = ?");
        assertThat(args).containsExactly("earlier", "dyfed-powys", device, Timestamp.from(from), true);
    }

    @Test
    void noValueGivenAddsNothing() {
        List<Object> args = new ArrayList<>();

        assertThat(Where.appendingTo(args).equal("force", null).atOrAfter("at", null).before("at", null).toString())
                .isEmpty();
        assertThat(args).isEmpty();
    }

    @Test
    void aFixedConditionKeepsItsParametersInTheOrderOfItsPlaceholders() {
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        List<Object> args = new ArrayList<>();

        String sql = Where.appendingTo(args).and("held and next_due_at <= ?", at).and("not exists (select 1)")
                .toString();

        assertThat(sql).isEqualTo(" and held and next_due_at <= ? and not exists (select 1)");
        assertThat(args).containsExactly(Timestamp.from(at));
    }
}
