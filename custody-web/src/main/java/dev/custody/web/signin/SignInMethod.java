package dev.custody.web.signin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import java.util.List;

/**
 * A way of signing in to the pages besides the dev users' form, such as an OIDC authorisation-code login. Declare
 * one as a bean and {@link WebSecurityConfig} applies it to the pages' filter chain; the sign-in page shows a button
 * for it.
 * <p>
 * For example, an OIDC login configures {@code http.oauth2Login(o -> o.loginPage(WebPaths.SIGN_IN))}, starts at
 * {@code /oauth2/authorization/{registrationId}} and answers the issuer at {@code /login/oauth2/code/*}: both paths
 * go in {@link #paths()} so that the pages' chain, not the stateless API chain, handles them.
 */
public interface SignInMethod {

    /** Adds this login to the pages' chain. */
    void configure(HttpSecurity http) throws Exception;

    /** The button's text on the sign-in page, e.g. "Sign in with your force account". */
    String label();

    /** Where the button leads: the URL that starts this login. */
    String startUrl();

    /** Ant-style paths this login answers besides {@link #startUrl()}, handled by the pages' chain. */
    List<String> paths();

    /**
     * Origins besides this server's that signing out may lead the browser to, such as the identity provider's
     * end-session endpoint's: the pages' Content-Security-Policy lets forms (the sign-out button) lead there.
     */
    default List<String> signOutOrigins() {
        return List.of();
    }
}
