package dev.custody.server.security;

import dev.custody.values.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.util.Collection;

/**
 * A person signed in to the pages through the force's identity provider, with the caller worked out once from the
 * ID token's (and userinfo's) claims, as a bearer token's is ({@link JwtActors}). Their name is the actor's id, the
 * one every event they cause records.
 */
final class ActorOidcUser extends DefaultOidcUser {

    private final transient Actor actor;

    ActorOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                  Actor actor) {
        super(authorities, idToken, userInfo);
        this.actor = actor;
    }

    Actor actor() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.id();
    }
}
