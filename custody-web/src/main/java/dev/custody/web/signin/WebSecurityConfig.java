package dev.custody.web.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import java.util.ArrayList;
import java.util.List;

/**
 * Security of the pages, apart from the REST API's stateless chain: a session after signing in and CSRF tokens on
 * every form. Runs before the API chain and matches only {@link WebPaths}. The headers every response carries (the
 * Content-Security-Policy that allows scripts, styles, fonts and images from this server only, with no inline script,
 * event handler or style) come from the application through {@link PagesChainCustomizer}.
 * <p>
 * Sign-in: the dev users' form when {@code custody.security.dev-users} is on, and every {@link SignInMethod} bean.
 * The session cookie's attributes (Secure, HttpOnly, SameSite=Lax) are set in {@code server.servlet.session.cookie}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain pagesSecurityFilterChain(HttpSecurity http, List<SignInMethod> signInMethods,
                                                 List<PagesChainCustomizer> customizers,
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
                        .requestMatchers("/devices/*/label", "/devices/*/labels/**").hasAnyRole("OFFICER", "LAB")
                        .requestMatchers("/devices/*/officer/**").hasRole("OFFICER")
                        .requestMatchers("/devices/*/status-links/**").hasAnyRole("OFFICER", "SUPERVISOR")
                        .requestMatchers("/devices/*/supervisor/**").hasRole("SUPERVISOR")
                        .requestMatchers("/officer/**").hasRole("OFFICER")
                        .requestMatchers("/supervisor/**").hasRole("SUPERVISOR")
                        .requestMatchers("/inspector/**").hasRole("INSPECTOR")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/reports/**").hasAnyRole("INSPECTOR", "SUPERVISOR")
                        .requestMatchers("/devices/**", "/scan/**", "/live/**")
                        .hasAnyRole("OFFICER", "LAB", "SUPERVISOR", "INSPECTOR")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.accessDeniedPage(WebPaths.FORBIDDEN))
                .requestCache(cache -> cache.requestCache(savedPageRequests()))
                .logout(logout -> logout.logoutUrl(WebPaths.SIGN_OUT)
                        .logoutSuccessUrl(WebPaths.SIGN_IN + "?signed-out"));
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
        for (PagesChainCustomizer customizer : customizers) {
            customizer.customize(http);
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
