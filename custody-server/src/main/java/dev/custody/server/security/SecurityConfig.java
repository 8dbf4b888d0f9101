package dev.custody.server.security;

import dev.custody.server.web.ProblemResponses;
import dev.custody.values.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every endpoint needs authentication, except the health probe. In production a force plugs in its identity
 * provider: Custody is an OAuth2 resource server that discovers the issuer ({@code issuer-uri}), verifies JWTs with
 * its rotating JWKS keys and checks their audience; {@link JwtActors} reads the caller from configurable claims.
 * Dev mode adds HTTP Basic with the fixed users in {@link DevUsers}.
 * Failures are problem+json: 401 without credentials, 403 for the wrong role.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder,
                                            JwtActors jwtActors, ProblemResponses problems,
                                            @Value("${custody.security.dev-users:false}") boolean devUsers) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // Every force's counts: for the scraper alone, not for any logged-in user.
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                        .hasRole(Role.METRICS.name())
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "Authentication is required"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, HttpStatus.FORBIDDEN,
                                "forbidden", "Your role may not do this")));
        if (devUsers) {
            http.httpBasic(basic -> basic.authenticationEntryPoint((req, res, ex) -> {
                res.setHeader("WWW-Authenticate", "Basic realm=\"custody\"");
                problems.write(res, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required");
            }));
        }
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtActors::authenticate)));
        }
        return http.build();
    }

    /**
     * No Micrometer observations inside Spring Security. They wrap each of the chain's filters, every authentication
     * and every authorisation in an observation of its own, which cost more CPU per command than the command's own
     * rules (measured in docs/benchmarks.md). Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService userDetailsService(@Value("${custody.security.dev-users:false}") boolean devUsers) {
        Map<String, DevUsers.DevUser> users = devUsers
                ? DevUsers.ALL.stream().collect(Collectors.toMap(DevUsers.DevUser::username, Function.identity()))
                : Map.of();
        return username -> {
            DevUsers.DevUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException(username);
            }
            return DevUsers.toUser(user);
        };
    }

    @Bean
    WebMvcConfigurer actorArgument(ActorResolver actorResolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(actorResolver);
            }
        };
    }
}
