package dev.custody.projections.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code custody.deadlines.*}: the brief's defaults, and each force's overrides, e.g.
 * {@code custody.deadlines.forces.met.return-within=PT48H}. A change applies to a device from its next event, and
 * to every device after a rebuild of the read models.
 */
@ConfigurationProperties("custody.deadlines")
public record DeadlineProperties(DeadlineSettings.Overrides defaults, Map<String, DeadlineSettings.Overrides> forces,
                                 Map<String, DeadlineSettings> resolved) {

    @ConstructorBinding
    public DeadlineProperties(DeadlineSettings.Overrides defaults, Map<String, DeadlineSettings.Overrides> forces) {
        this(defaults, forces == null ? Map.of() : Map.copyOf(forces), new ConcurrentHashMap<>());
    }

    /** A force's settings, worked out once: the projector asks for every event it folds. */
    public DeadlineSettings forForce(String force) {
        return resolved.computeIfAbsent(force == null ? "" : force,
                f -> DeadlineSettings.DEFAULTS.with(defaults).with(forces.get(f)));
    }
}
