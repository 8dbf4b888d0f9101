package dev.custody.projections.queue;

import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.AlertSeverity;
import dev.custody.values.AlertWords;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a device is where it is in a lab's queue, in the order the queue is sorted (the sort itself is in SQL, see
 * {@code DeviceQueries.labQueue}): data at risk, enhanced rights, the nearest deadline, time held. Each reason is a
 * sentence a technician reads on the lab's page: rules by their {@link AlertWords#label}, never their code names.
 */
final class QueuePriority {

    /** The reasons are read by people in England and Wales: times in UK time, as "2 March 2026 at 7:00pm". */
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.UK);

    private QueuePriority() {
    }

    static List<String> reasons(StoredStatus status, List<Deadline> open, Instant now) {
        DeviceView v = status.view();
        List<String> reasons = new ArrayList<>();
        if (status.timeSensitive()) {
            String what = v.atRisk().stream()
                    .map(r -> (r.kind() == null ? "data" : r.kind().toLowerCase(Locale.ROOT).replace('_', ' '))
                            + (r.detail() == null ? "" : " (" + r.detail() + ")")
                            + (r.expiresAt() == null ? "" : ", expires " + ukTime(r.expiresAt())))
                    .collect(Collectors.joining("; "));
            reasons.add("Data at risk of disappearing, not yet downloaded: " + what);
        }
        if (status.enhanced()) {
            reasons.add("Victim with enhanced rights under the Victims' Code");
        }
        open.stream().filter(d -> d.severity() == AlertSeverity.BREACH && d.rule().isDeadline())
                .min(java.util.Comparator.comparing(Deadline::dueAt).thenComparing(Deadline::rule))
                .ifPresent(d -> reasons.add(AlertWords.label(d.rule()) + (d.dueAt().isAfter(now)
                        ? ": due in " + human(Duration.between(now, d.dueAt()))
                        : ": overdue by " + human(Duration.between(d.dueAt(), now)))));
        reasons.add("Held " + human(Duration.between(v.seizedAt(), now)));
        return reasons;
    }

    private static String ukTime(Instant instant) {
        var local = instant.atZone(UK);
        return DATE.format(local) + " at " + TIME.format(local).toLowerCase(Locale.UK);
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
