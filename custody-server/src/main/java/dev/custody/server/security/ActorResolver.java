package dev.custody.server.security;

import dev.custody.values.Actor;
import dev.custody.values.Role;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.EnumSet;
import java.util.Set;

/**
 * Gives controllers the {@link Actor} of the authenticated caller, so the actor recorded in an event can only ever
 * come from the principal: dev users carry force and lab directly; a JWT's caller was worked out by {@link JwtActors}
 * when the token was accepted, and a person signed in to the pages by OIDC by the same mapping when they signed in
 * ({@link OidcSignIn}).
 */
@Component
public class ActorResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) {
        return current();
    }

    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not authenticated");
        }
        if (authentication instanceof ActorToken token) {
            return token.actor();
        }
        if (authentication.getPrincipal() instanceof ActorOidcUser user) {
            return user.actor();
        }
        Set<Role> roles = roles(authentication);
        if (authentication.getPrincipal() instanceof CustodyUser user) {
            return new Actor(user.getUsername(), roles, user.force(), user.lab());
        }
        return new Actor(authentication.getName(), roles, null, null);
    }

    private static Set<Role> roles(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // an identity provider's unrelated role: not ours to interpret
                }
            }
        }
        return roles;
    }
}
