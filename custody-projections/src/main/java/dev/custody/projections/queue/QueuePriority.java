package dev.custody.projections.queue;

import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.AlertSeverity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a device is where it is in a lab's queue, in the order the queue is sorted (the sort itself is in SQL, see
 * {@code DeviceQueries.labQueue}): data at risk, enhanced rights, the nearest deadline, time held.
 */
final class QueuePriority {

    private QueuePriority() {
    }

    static List<String> reasons(StoredStatus status, List<Deadline> open, Instant now) {
        DeviceView v = status.view();
        List<String> reasons = new ArrayList<>();
        if (status.timeSensitive()) {
            String what = v.atRisk().stream()
                    .map(r -> (r.kind() == null ? "data" : r.kind().toLowerCase(Locale.ROOT).replace('_', ' '))
                            + (r.detail() == null ? "" : " (" + r.detail() + ")")
                            + (r.expiresAt() == null ? "" : ", expires " + r.expiresAt()))
                    .collect(Collectors.joining("; "));
            reasons.add("data at risk of disappearing, not yet downloaded: " + what);
        }
        if (status.enhanced()) {
            reasons.add("victim with enhanced rights under the Victims' Code");
        }
        open.stream().filter(d -> d.severity() == AlertSeverity.BREACH && d.rule().isDeadline())
                .min(java.util.Comparator.comparing(Deadline::dueAt).thenComparing(Deadline::rule))
                .ifPresent(d -> reasons.add(d.rule() + (d.dueAt().isAfter(now)
                        ? " due in " + human(Duration.between(now, d.dueAt()))
                        : " overdue by " + human(Duration.between(d.dueAt(), now)))));
        reasons.add("held " + human(Duration.between(v.seizedAt(), now)));
        return reasons;
    }

    static String human(Duration d) {
        long days = d.toDays();
        long hours = d.minusDays(days).toHours();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        long minutes = d.minusHours(d.toHours()).toMinutes();
        return d.toHours() + "h " + minutes + "m";
    }
}
