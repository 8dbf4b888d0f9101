package dev.custody.web.supervisor;

import dev.custody.events.AlertMessage;
import dev.custody.projections.alert.AlertStore;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFiltersTest {

    @Test
    void theFormsValuesBecomeTheTypedQuery() {
        var query = new AlertFilters("RETURN_24H", "BREACH", " ACKNOWLEDGED ", "newest", 2).query();
        assertThat(query.rule()).isEqualTo(AlertRule.RETURN_24H);
        assertThat(query.severity()).isEqualTo(AlertSeverity.BREACH);
        assertThat(query.state()).isEqualTo(AlertMessage.State.ACKNOWLEDGED);
        assertThat(query.order()).isEqualTo(AlertStore.Order.NEWEST);
    }

    @Test
    void aValueTheFormCannotSendIsNoFilter() {
        AlertFilters edited = new AlertFilters("0", "breach", "SOMETIMES", "sideways", -1);
        assertThat(edited.narrowed()).isTrue();
        assertThat(edited.state()).isEqualTo(AlertFilters.ANY);
        var query = edited.query();
        assertThat(query.rule()).isNull();
        assertThat(query.severity()).isNull();
        assertThat(query.state()).isNull();
        assertThat(query.order()).isEqualTo(AlertStore.Order.MOST_URGENT);
        assertThat(new AlertFilters(null, null, null, null, null).query().state()).isEqualTo(AlertMessage.State.OPEN);
    }
}
