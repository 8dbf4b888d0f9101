package dev.custody.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custody.security.claims.*}: which JWT claims carry the caller, since identity providers name them
 * differently (Entra ID sends app roles as {@code roles}, Keycloak realm roles as {@code realm_access.roles}). A name
 * is first looked up as a top-level claim, then, if it has dots and no such claim exists, as a path into nested
 * objects.
 *
 * @param actor the caller's id, recorded in every event they cause (e.g. {@code preferred_username}, or a collar
 *              number mapped by the identity provider); default {@code sub}
 * @param roles a list (or space-separated string) of role names, matched to {@link dev.custody.values.Role} ignoring
 *              case; other values are ignored; default {@code roles}
 * @param force the force code; required for the force-bound roles; default {@code force}
 * @param lab   the lab id; required for the LAB role; default {@code lab}
 */
@ConfigurationProperties("custody.security.claims")
record ClaimNames(String actor, String roles, String force, String lab) {
    ClaimNames {
        actor = actor == null || actor.isBlank() ? "sub" : actor;
        roles = roles == null || roles.isBlank() ? "roles" : roles;
        force = force == null || force.isBlank() ? "force" : force;
        lab = lab == null || lab.isBlank() ? "lab" : lab;
    }

    static ClaimNames defaults() {
        return new ClaimNames(null, null, null, null);
    }
}
