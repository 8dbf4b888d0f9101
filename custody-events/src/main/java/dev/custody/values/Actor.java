package dev.custody.values;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller who told the system about a step. Always taken from the security principal,
 * never from a request body.
 *
 * @param id    the identity provider's subject (user name or collar number)
 * @param roles the caller's roles
 * @param force the caller's force; null for national roles such as inspectors
 * @param lab   the caller's lab, for lab staff; otherwise null
 */
public record Actor(String id, Set<Role> roles, ForceCode force, LabId lab) {
    public Actor {
        Objects.requireNonNull(id, "actor id");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * The one scoping rule (Data Protection Act 2018 Part 3: least access): inspectors see every force's records,
     * everyone else only their own force's. A record the caller may not see answers exactly as one that does not
     * exist. What a caller may <em>do</em> is limited further by role.
     */
    public boolean canSee(ForceCode recordForce) {
        return seesEveryForce() || force != null && force.equals(recordForce);
    }

    /** Inspectors audit every force. */
    public boolean seesEveryForce() {
        return has(Role.INSPECTOR);
    }
}
