package dev.custody.web.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * Security of the pages, apart from the REST API's stateless chain: a session after signing in, CSRF tokens on
 * every form, and a Content-Security-Policy that allows scripts, styles, fonts and images from this server only (no
 * inline script, no inline event handler, no inline style). Runs before the API chain and matches only
 * {@link WebPaths}.
 * <p>
 * Sign-in: the dev users' form when {@code custody.security.dev-users} is on, and every {@link SignInMethod} bean.
 * The session cookie's attributes (Secure, HttpOnly, SameSite=Lax) are set in {@code server.servlet.session.cookie}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain pagesSecurityFilterChain(HttpSecurity http, List<SignInMethod> signInMethods,
                                                 @Value("${custody.security.dev-users:false}") boolean devUsers)
            throws Exception {
        List<String> paths = new ArrayList<>(WebPaths.PAGES);
        paths.addAll(WebPaths.ASSETS);
        for (SignInMethod method : signInMethods) {
            paths.addAll(method.paths());
        }
        http.securityMatcher(paths.toArray(String[]::new))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(WebPaths.ASSETS.toArray(String[]::new)).permitAll()
                        .requestMatchers(WebPaths.SIGN_IN, WebPaths.FORBIDDEN).permitAll()
                        .requestMatchers("/lab/**", "/devices/*/lab/**").hasRole("LAB")
                        .requestMatchers("/officer/**").hasRole("OFFICER")
                        .requestMatchers("/supervisor/**").hasRole("SUPERVISOR")
                        .requestMatchers("/inspector/**").hasRole("INSPECTOR")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/devices/**", "/scan/**", "/live/**")
                        .hasAnyRole("OFFICER", "LAB", "SUPERVISOR", "INSPECTOR")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.accessDeniedPage(WebPaths.FORBIDDEN))
                .requestCache(cache -> cache.requestCache(savedPageRequests()))
                .logout(logout -> logout.logoutUrl(WebPaths.SIGN_OUT)
                        .logoutSuccessUrl(WebPaths.SIGN_IN + "?signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (devUsers) {
            http.formLogin(form -> form.loginPage(WebPaths.SIGN_IN)
                    .failureUrl(WebPaths.SIGN_IN + "?error"));
        } else {
            // Without a form, an unauthenticated page request is still sent to the sign-in page.
            http.exceptionHandling(e -> e.authenticationEntryPoint(
                    new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                            WebPaths.SIGN_IN)));
        }
        for (SignInMethod method : signInMethods) {
            method.configure(http);
        }
        return http.build();
    }

    /** After signing in, back to the page asked for, at its own address (no {@code ?continue} marker). */
    private static HttpSessionRequestCache savedPageRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }
}
