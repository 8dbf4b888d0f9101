package dev.custody.server.security;

import dev.custody.values.Actor;
import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JWT that Spring Security has verified (signature by the issuer's JWKS, issuer, expiry, audience) into the
 * caller: the actor id, roles, force and lab, from the claims named in {@link ClaimNames}. The one mapping of claims to
 * a caller: a person signing in to the pages by OIDC is read from their ID token's claims by {@link #actor} too
 * ({@link OidcSignIn}).
 * <p>
 * A token whose roles are bound to a force (OFFICER, LAB, SUPERVISOR) but that carries no force claim, or a LAB token
 * without a lab, is refused with <b>401</b> {@code invalid_token}, not 403: the token cannot say who the caller is in
 * Custody's terms, whatever the request, so it is not a usable credential, and only a change at the identity provider
 * (the claim mapper) can fix it. The reason is in the {@code WWW-Authenticate} header's {@code error_description}.
 * Such a caller is never let through with a null force, which would make force scoping depend on every reader's care.
 * <p>
 * Production must check the audience: with an {@code issuer-uri} or {@code jwk-set-uri} and no
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}, the node refuses to start, since any token the
 * identity provider issued for another application would otherwise be accepted.
 */
@Component
@EnableConfigurationProperties(ClaimNames.class)
class JwtActors {

    /** Roles whose holders act for one force, and so must have one. */
    static final Set<Role> FORCE_BOUND = EnumSet.of(Role.OFFICER, Role.LAB, Role.SUPERVISOR);

    private final ClaimNames claims;

    JwtActors(ClaimNames claims, ObjectProvider<OAuth2ResourceServerProperties> resourceServer) {
        this.claims = claims;
        OAuth2ResourceServerProperties properties = resourceServer.getIfAvailable();
        if (properties != null) {
            requireAudience(properties.getJwt());
        }
    }

    static void requireAudience(OAuth2ResourceServerProperties.Jwt jwt) {
        boolean remoteIssuer = StringUtils.hasText(jwt.getIssuerUri()) || StringUtils.hasText(jwt.getJwkSetUri());
        if (remoteIssuer && (jwt.getAudiences() == null || jwt.getAudiences().isEmpty())) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.audiences is required with an "
                    + "issuer-uri or jwk-set-uri: name Custody's client id or application id URI, so that tokens the "
                    + "identity provider issued for other applications are refused");
        }
    }

    /** The authentication for a verified token; Spring Security's JWT converter. */
    JwtAuthenticationToken authenticate(Jwt jwt) {
        Actor actor = actor(jwt.getClaims());
        List<SimpleGrantedAuthority> authorities = actor.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return new ActorToken(jwt, authorities, actor);
    }

    /** @throws InvalidBearerTokenException when the claims cannot name a usable caller */
    Actor actor(Map<String, Object> tokenClaims) {
        String id = text(tokenClaims, claims.actor());
        if (id == null) {
            throw new InvalidBearerTokenException("The token has no '" + claims.actor() + "' claim to identify the caller");
        }
        Set<Role> roles = roles(claim(tokenClaims, claims.roles()));
        String force = text(tokenClaims, claims.force());
        String lab = text(tokenClaims, claims.lab());
        if (force == null && roles.stream().anyMatch(FORCE_BOUND::contains)) {
            throw new InvalidBearerTokenException("The token's roles " + roles + " act for a force, but it has no '"
                    + claims.force() + "' claim");
        }
        if (lab == null && roles.contains(Role.LAB)) {
            throw new InvalidBearerTokenException("The token's LAB role needs a '" + claims.lab() + "' claim");
        }
        return new Actor(id, roles, force == null ? null : new ForceCode(force), lab == null ? null : new LabId(lab));
    }

    /**
     * A claim by name, or, when no top-level claim has that name and it has dots, by path through nested objects
     * ({@code realm_access.roles}). Exact names come first because some providers use dotted or URI claim names.
     */
    static Object claim(Map<String, Object> tokenClaims, String name) {
        if (tokenClaims.containsKey(name) || name.indexOf('.') < 0) {
            return tokenClaims.get(name);
        }
        Object node = tokenClaims;
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static String text(Map<String, Object> tokenClaims, String name) {
        Object value = claim(tokenClaims, name);
        if (value instanceof Collection<?> list && list.size() == 1) {
            value = list.iterator().next();
        }
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** Our roles among the values; an identity provider's other roles (offline_access, ...) are not ours. */
    static Set<Role> roles(Object value) {
        Collection<?> names = value instanceof Collection<?> list ? list
                : value instanceof String s ? List.of(s.trim().split("[\\s,]+"))
                : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            if (name instanceof String s) {
                try {
                    roles.add(Role.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException notOurs) {
                    // another application's role, or the identity provider's own
                }
            }
        }
        return roles;
    }
}
