package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.device.DeviceView;
import dev.custody.values.AlertRule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One of the brief's deadline rules, as a small named policy.
 * <p>
 * Contract: {@link #dueAt} is a pure function of the device's view and the force's settings, judged on
 * {@code occurredAt} times, never on when the step was logged; so a backdated step is judged when it happened and
 * a rebuild reproduces every deadline.
 */
public interface DeadlineRule {

    AlertRule rule();

    /** When this rule is breached for the device as it now stands, or empty when the rule does not apply. */
    Optional<Instant> dueAt(DeviceView view, DeadlineSettings settings);

    /** True when {@code event} is the step the rule waits for; any other event that closes it supersedes it. */
    boolean isSatisfiedBy(DeviceEvent event);

    /** How long before the breach a warning is raised; zero for none. */
    default Duration warningBefore(DeadlineSettings settings) {
        return Duration.ZERO;
    }
}
