package dev.custody.server.security;

import dev.custody.values.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/** An authenticated JWT together with the caller it names, worked out once when the token is accepted. */
final class ActorToken extends JwtAuthenticationToken {

    private final transient Actor actor;

    ActorToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Actor actor) {
        super(jwt, authorities, actor.id());
        this.actor = actor;
    }

    Actor actor() {
        return actor;
    }
}
