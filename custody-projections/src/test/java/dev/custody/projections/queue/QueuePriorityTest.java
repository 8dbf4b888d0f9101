package dev.custody.projections.queue;

import dev.custody.projections.Events;
import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.VictimsCodeTier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.custody.projections.Events.h;
import static org.assertj.core.api.Assertions.assertThat;

class QueuePriorityTest {

    @Test
    void explains_each_reason_in_the_order_the_queue_sorts_by() {
        var view = Events.device().care(VictimsCodeTier.ENHANCED, 7).atRisk(h(10)).seized().receivedAtLab(h(1)).view();
        var status = new StoredStatus(view, true, true, null);
        List<String> reasons = QueuePriority.reasons(status,
                List.of(new Deadline(AlertRule.RETURN_24H, AlertSeverity.BREACH, h(24), h(24)),
                        new Deadline(AlertRule.TIME_SENSITIVE_DATA, AlertSeverity.BREACH, h(10), h(10))), h(12));
        assertThat(reasons).containsExactly(
                "Data at risk of disappearing, not yet downloaded: dating app (Hinge), expires 2 March 2026 at 7:00pm",
                "Victim with enhanced rights under the Victims' Code",
                "Data at risk of disappearing: overdue by 2h 0m",
                "Held 12h 0m");
    }

    @Test
    void a_plain_device_is_placed_by_its_nearest_deadline_and_age() {
        var view = Events.device().seized().view();
        List<String> reasons = QueuePriority.reasons(new StoredStatus(view, false, false, null),
                List.of(new Deadline(AlertRule.RETURN_24H, AlertSeverity.WARNING, h(24), h(20)),
                        new Deadline(AlertRule.RETURN_24H, AlertSeverity.BREACH, h(24), h(24))), h(2));
        assertThat(reasons).containsExactly("Return within 24 hours: due in 22h 0m", "Held 2h 0m");
    }
}
