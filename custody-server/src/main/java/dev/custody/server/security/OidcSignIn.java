package dev.custody.server.security;

import dev.custody.values.Actor;
import dev.custody.web.signin.SignInMethod;
import dev.custody.web.signin.WebPaths;
import org.springframework.boot.autoconfigure.security.oauth2.client.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/**
 * Signing in to the pages with the force's identity provider: the OpenID Connect authorisation-code flow of
 * spring-boot-starter-oauth2-client, offered on the sign-in page as "Sign in with your force account" when a client
 * registration is configured ({@code spring.security.oauth2.client.registration.custody.*}, see operations.md).
 * <p>
 * The person is read from the ID token's claims (with userinfo's, when the provider is asked for them) by the same
 * mapping as the API's bearer tokens ({@link JwtActors#actor}, the claims named in {@code custody.security.claims.*}).
 * An account that mapping refuses (a force-bound role without a force, a lab role without a lab) is not signed in:
 * the sign-in page says why ({@code /sign-in?refused}). Signing out ends the session and, when the provider
 * publishes an {@code end_session_endpoint}, its session too (RP-initiated logout), coming back to the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnOAuth2ClientRegistrationProperties
class OidcSignIn {

    static final String LABEL = "Sign in with your force account";

    @Bean
    SignInMethod forceAccountSignIn(OAuth2ClientProperties properties, ClientRegistrationRepository registrations,
                                    JwtActors actors) {
        String registrationId = properties.getRegistration().keySet().iterator().next();
        OidcUserService users = new OidcUserService();
        // Where signing out ends the provider's session too (RP-initiated logout), when its metadata says.
        Object endSession = registrations.findByRegistrationId(registrationId).getProviderDetails()
                .getConfigurationMetadata().get("end_session_endpoint");
        return new SignInMethod() {
            @Override
            public void configure(HttpSecurity http) throws Exception {
                SimpleUrlAuthenticationFailureHandler refused =
                        new SimpleUrlAuthenticationFailureHandler(WebPaths.SIGN_IN + "?refused");
                OidcClientInitiatedLogoutSuccessHandler signedOut =
                        new OidcClientInitiatedLogoutSuccessHandler(registrations);
                signedOut.setPostLogoutRedirectUri("{baseUrl}" + WebPaths.SIGN_IN + "?signed-out");
                signedOut.setDefaultTargetUrl(WebPaths.SIGN_IN + "?signed-out");
                http.oauth2Login(login -> login.loginPage(WebPaths.SIGN_IN)
                                .userInfoEndpoint(info -> info.oidcUserService(request -> user(users, actors, request)))
                                .failureHandler(refused))
                        .logout(logout -> logout.logoutSuccessHandler(signedOut));
            }

            @Override
            public String label() {
                return LABEL;
            }

            @Override
            public String startUrl() {
                return "/oauth2/authorization/" + registrationId;
            }

            @Override
            public List<String> paths() {
                return List.of("/oauth2/**", "/login/oauth2/**");
            }

            @Override
            public List<String> signOutOrigins() {
                return endSession == null ? List.of() : List.of(UriComponentsBuilder.fromUriString(endSession.toString())
                        .replacePath(null).replaceQuery(null).fragment(null).build().toUriString());
            }
        };
    }

    /**
     * The person the provider vouched for, as Custody's caller.
     *
     * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException when the claims name no usable
     *                                                                                 caller
     */
    static OidcUser user(OidcUserService users, JwtActors actors, OidcUserRequest request) {
        OidcUser user = users.loadUser(request);
        Actor actor = actors.actor(user.getClaims());
        List<SimpleGrantedAuthority> authorities = actor.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return new ActorOidcUser(authorities, user.getIdToken(), user.getUserInfo(), actor);
    }
}
