package dev.custody.web.victim;

import dev.custody.web.signin.PagesChainCustomizer;
import dev.custody.web.signin.WebPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import java.util.List;

/**
 * The status page's own security chain, before the pages' and the API's: open to anyone (the link's token is the
 * only credential), stateless (no session, no cookie, nothing to sign in to), and no forms, so no CSRF tokens.
 * Its responses carry the application's headers (Content-Security-Policy, Permissions-Policy, from the
 * {@link PagesChainCustomizer}s) and, for this path only:
 * <ul>
 *   <li>{@code Referrer-Policy: no-referrer} instead of {@code same-origin}: the page's address holds the token, so
 *       not even this server's own files are told it;</li>
 *   <li>{@code X-Robots-Tag: noindex, nofollow}: no search engine lists a link someone pasted somewhere;</li>
 *   <li>{@code Cache-Control: no-store}: a shared phone's browser keeps no copy to show again.</li>
 * </ul>
 * A header writer leaves a header another writer already set alone, and the chain's own writers run before the added
 * ones, so {@code no-referrer} stands.
 */
@Configuration(proxyBeanMethods = false)
class StatusPageSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    SecurityFilterChain statusPageSecurityFilterChain(HttpSecurity http, List<PagesChainCustomizer> customizers)
            throws Exception {
        http.securityMatcher(WebPaths.STATUS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new StaticHeadersWriter("Cache-Control", "no-store"))
                        .addHeaderWriter(new StaticHeadersWriter("X-Robots-Tag", "noindex, nofollow")));
        for (PagesChainCustomizer customizer : customizers) {
            customizer.customize(http);
        }
        return http.build();
    }
}
