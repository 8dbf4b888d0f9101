package dev.custody.projections.access;

import dev.custody.edge.Problem;
import dev.custody.values.Actor;

/**
 * The force a search or report is limited to. Whether a caller sees a force is {@link Actor#canSee}: inspectors
 * search the force they ask for (every force when they name none), everyone else only their own. Asking for another
 * force by name is refused (force codes are public; no record's existence is revealed); a single record of another
 * force is answered as not found instead ({@link dev.custody.edge.NotFound}).
 */
public final class ForceFilter {

    private ForceFilter() {
    }

    /**
     * @param requested the force the caller asked for, or null
     * @return the force to filter on, or null for every force
     * @throws Problem 403 when a caller asks for a force they cannot see, or has no force
     */
    public static String of(Actor actor, String requested) {
        if (actor.seesEveryForce()) {
            return requested;
        }
        if (actor.force() == null) {
            throw Problem.forbidden("force-required", "only a user attached to a force can see devices");
        }
        String own = actor.force().value();
        if (requested != null && !requested.equals(own)) {
            throw Problem.forbidden("other-force", "you can see only your own force's devices");
        }
        return own;
    }
}
