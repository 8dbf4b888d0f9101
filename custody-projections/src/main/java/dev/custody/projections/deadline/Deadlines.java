package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out a device's open deadlines from its view, which of them to raise, and how a closed one was resolved.
 * Pure: no clock, no I/O.
 */
public final class Deadlines {

    /**
     * What falls due for one device at a moment: the deadlines to raise an alert for now, and when the next one
     * falls due (null: none left).
     */
    public record Due(List<Deadline> raise, Instant nextFireAt) {
    }

    private final List<DeadlinePolicy> policies;
    private final Map<AlertRule, DeadlinePolicy> byRule = new EnumMap<>(AlertRule.class);

    public Deadlines(List<DeadlinePolicy> policies) {
        this.policies = List.copyOf(policies);
        policies.forEach(p -> byRule.put(p.rule(), p));
    }

    public static Deadlines standard() {
        return new Deadlines(DeadlinePolicy.allCurrentPolicies());
    }

    /** Every open deadline of the device, a breach per due time of each applicable rule plus its warning if any. */
    public Map<Deadline.Key, Deadline> open(DeviceView view, DeadlineSettings settings) {
        Map<Deadline.Key, Deadline> open = new LinkedHashMap<>();
        if (view == null || !view.isHeld()) {
            return open;
        }
        for (DeadlinePolicy policy : policies) {
            for (Instant due : policy.dueTimes(view, settings)) {
                Deadline breach = new Deadline(policy.rule(), AlertSeverity.BREACH, due, due);
                open.put(breach.key(), breach);
                Duration warning = policy.warningBefore(settings);
                if (warning != null && !warning.isZero() && !warning.isNegative()) {
                    Deadline warn = new Deadline(policy.rule(), AlertSeverity.WARNING, due, due.minus(warning));
                    open.put(warn.key(), warn);
                }
            }
        }
        return open;
    }

    /**
     * The alerts to raise for a device at {@code now}, and when it next needs looking at. Each deadline raises one
     * alert, ever ({@code alerted} holds those that have had one). A warning is raised only while its breach lies
     * ahead: once the breach is due, or has its alert, the warning is moot and the breach alone is raised. So a
     * step logged after its deadline, or an engine that was down past it, gives supervisors one message, not two.
     */
    public static Due due(Collection<Deadline> open, Set<Deadline.Key> alerted, Instant now) {
        List<Deadline> raise = new ArrayList<>();
        Instant next = null;
        for (Deadline d : open) {
            if (alerted.contains(d.key()) || isMoot(d, alerted, now)) {
                continue;
            }
            if (!d.fireAt().isAfter(now)) {
                raise.add(d);
            } else if (next == null || d.fireAt().isBefore(next)) {
                next = d.fireAt();
            }
        }
        return new Due(raise, next);
    }

    /**
     * When the alert engine next needs to look at a device, as far as the projection can tell without a clock: the
     * earliest fire time of a deadline without an alert, skipping warnings whose breach already has one.
     */
    public static Instant nextFireAt(Collection<Deadline> open, Set<Deadline.Key> alerted) {
        return due(open, alerted, Instant.MIN).nextFireAt();
    }

    private static boolean isMoot(Deadline d, Set<Deadline.Key> alerted, Instant now) {
        return d.isMootAt(now) || d.severity() == AlertSeverity.WARNING
                && alerted.contains(new Deadline.Key(d.rule(), AlertSeverity.BREACH, d.dueAt()));
    }

    /**
     * How {@code closedBy} resolved a deadline it closed: in time or late if it is the step the rule waited for,
     * judged on its {@code occurredAt}; otherwise superseded.
     */
    public Resolution resolution(Deadline.Key deadline, DeviceEvent closedBy) {
        DeadlinePolicy policy = byRule.get(deadline.rule());
        if (policy == null || !policy.isSatisfiedBy(closedBy)) {
            return Resolution.SUPERSEDED;
        }
        return closedBy.occurredAt().isAfter(deadline.dueAt()) ? Resolution.LATE : Resolution.IN_TIME;
    }

    /** Seconds from the due time to the closing step; negative when it came early. */
    public static long lateBySeconds(Deadline.Key deadline, Instant closedAt) {
        return Duration.between(deadline.dueAt(), closedAt).toSeconds();
    }
}
