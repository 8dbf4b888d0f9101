package dev.custody.projections.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code custody.deadlines.*}: the brief's defaults, and each force's overrides, e.g.
 * {@code custody.deadlines.forces.met.return-within=PT48H}. A change applies to a device from its next event, and
 * to every device after a rebuild of the read models.
 */
@ConfigurationProperties("custody.deadlines")
public record DeadlineProperties(DeadlineSettings.Overrides defaults, Map<String, DeadlineSettings.Overrides> forces) {

    public DeadlineProperties {
        forces = forces == null ? Map.of() : Map.copyOf(forces);
    }

    public DeadlineSettings forForce(String force) {
        return DeadlineSettings.DEFAULTS.with(defaults).with(forces.get(force));
    }
}
