package dev.custody.projections.access;

import dev.custody.values.Actor;
import dev.custody.values.Role;

/**
 * Who sees which force's devices (Data Protection Act 2018 Part 3: least access). Inspectors see every force;
 * everyone else sees only their own.
 */
public final class ForceScope {

    private ForceScope() {
    }

    public static boolean seesAllForces(Actor actor) {
        return actor.has(Role.INSPECTOR);
    }

    /**
     * The force a search is limited to: the requested one for an inspector (null for all), the caller's own for
     * everyone else.
     *
     * @throws QueryProblem 403 when a caller asks for another force
     */
    public static String forceFilter(Actor actor, String requested) {
        if (seesAllForces(actor)) {
            return requested;
        }
        String own = actor.force() == null ? null : actor.force().value();
        if (own == null) {
            throw QueryProblem.forbidden("force-required", "only a user attached to a force can see devices");
        }
        if (requested != null && !requested.equals(own)) {
            throw QueryProblem.forbidden("other-force", "you can see only your own force's devices");
        }
        return own;
    }

    /** @throws QueryProblem 403 unless the caller may see a record of {@code force} */
    public static void requireVisible(Actor actor, String force) {
        if (seesAllForces(actor)) {
            return;
        }
        if (actor.force() == null || !actor.force().value().equals(force)) {
            throw QueryProblem.forbidden("other-force", "the device belongs to another force");
        }
    }
}
