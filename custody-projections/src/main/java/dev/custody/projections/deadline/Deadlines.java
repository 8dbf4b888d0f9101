package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.device.DeviceView;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out a device's open deadlines from its view, and how a closed one was resolved. Pure: no clock, no I/O.
 */
public final class Deadlines {

    private final List<DeadlineRule> rules;
    private final Map<AlertRule, DeadlineRule> byRule = new EnumMap<>(AlertRule.class);

    public Deadlines(List<DeadlineRule> rules) {
        this.rules = List.copyOf(rules);
        rules.forEach(r -> byRule.put(r.rule(), r));
    }

    public static Deadlines standard() {
        return new Deadlines(Rules.ALL);
    }

    /** Every open deadline of the device, a breach per applicable rule plus its warning where the rule has one. */
    public Map<Deadline.Key, Deadline> open(DeviceView view, DeadlineSettings settings) {
        Map<Deadline.Key, Deadline> open = new LinkedHashMap<>();
        if (view == null || !view.isHeld()) {
            return open;
        }
        for (DeadlineRule rule : rules) {
            rule.dueAt(view, settings).ifPresent(due -> {
                Deadline breach = new Deadline(rule.rule(), AlertSeverity.BREACH, due, due);
                open.put(breach.key(), breach);
                Duration warning = rule.warningBefore(settings);
                if (warning != null && !warning.isZero() && !warning.isNegative()) {
                    Deadline warn = new Deadline(rule.rule(), AlertSeverity.WARNING, due, due.minus(warning));
                    open.put(warn.key(), warn);
                }
            });
        }
        return open;
    }

    /**
     * How {@code closedBy} resolved a deadline it closed: in time or late if it is the step the rule waited for,
     * judged on its {@code occurredAt}; otherwise superseded.
     */
    public Resolution resolution(Deadline.Key deadline, DeviceEvent closedBy) {
        DeadlineRule rule = byRule.get(deadline.rule());
        if (rule == null || !rule.isSatisfiedBy(closedBy)) {
            return Resolution.SUPERSEDED;
        }
        return closedBy.occurredAt().isAfter(deadline.dueAt()) ? Resolution.LATE : Resolution.IN_TIME;
    }

    /** Seconds from the due time to the closing step; negative when it came early. */
    public static long lateBySeconds(Deadline.Key deadline, Instant closedAt) {
        return Duration.between(deadline.dueAt(), closedAt).toSeconds();
    }
}
