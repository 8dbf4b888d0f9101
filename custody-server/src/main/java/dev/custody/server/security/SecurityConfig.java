package dev.custody.server.security;

import dev.custody.edge.Problem;
import dev.custody.edge.ProblemWriter;
import dev.custody.web.signin.PagesChainCustomizer;
import dev.custody.web.signin.SignInMethod;
import dev.custody.values.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
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
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every endpoint needs authentication, except the health probe. In production a force plugs in its identity
 * provider: Custody is an OAuth2 resource server that discovers the issuer ({@code issuer-uri}), verifies JWTs with
 * its rotating JWKS keys and checks their audience; {@link JwtActors} reads the caller from configurable claims.
 * Dev mode adds HTTP Basic with the fixed users in {@link DevUsers}.
 * Failures are problem+json: 401 without credentials, with a {@code WWW-Authenticate} challenge for each way in
 * ({@code Bearer} when JWTs are configured, {@code Basic} in dev mode); 403 for the wrong role, decided before a
 * request's body is read ({@link RoleFirst}). Every response carries the {@link SecurityHeaders}, and a request the
 * firewall rejects is answered like any other refusal ({@link FirewallRejection}). The metrics are for the METRICS
 * role alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfig {

    static final Problem UNAUTHENTICATED = new Problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
            "Authentication is required", List.of());
    static final Problem FORBIDDEN = Problem.forbidden("forbidden", "Your role may not do this");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder,
                                            JwtActors jwtActors, ProblemWriter problems,
                                            @Value("${custody.security.dev-users:false}") boolean devUsers) throws Exception {
        boolean jwt = jwtDecoder.getIfAvailable() != null;
        AuthenticationEntryPoint unauthenticated = unauthenticated(problems, devUsers, jwt);
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // Every force's counts: for the scraper alone, not for any logged-in user.
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                        .hasRole(Role.METRICS.name())
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> SecurityHeaders.WRITERS.forEach(headers::addHeaderWriter))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, FORBIDDEN)));
        if (devUsers) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        }
        if (jwt) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(unauthenticated)
                    .jwt(j -> j.jwtAuthenticationConverter(jwtActors::authenticate)));
        }
        return http.build();
    }

    /**
     * Every 401 challenges the caller for each way in (RFC 9110 s.11.6.1): {@code Bearer}, with the reason when a
     * token was refused ({@code error="invalid_token"}), and {@code Basic} in dev mode.
     */
    static AuthenticationEntryPoint unauthenticated(ProblemWriter problems, boolean basic, boolean bearer) {
        BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            if (bearer) {
                bearerChallenge.commence(request, response, failure);
            }
            if (basic) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"custody\"");
            }
            problems.write(request, response, UNAUTHENTICATED);
        };
    }

    /**
     * The pages' chain (custody-web) carries the same security headers as the API's, its forms also allowed to lead
     * where a sign-in method signs out ({@link SignInMethod#signOutOrigins()}).
     */
    @Bean
    PagesChainCustomizer pagesSecurityHeaders(List<SignInMethod> signInMethods) {
        List<String> signOut = signInMethods.stream().flatMap(m -> m.signOutOrigins().stream()).distinct().toList();
        return http -> http.headers(headers -> SecurityHeaders.writers(signOut).forEach(headers::addHeaderWriter));
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
    WebMvcConfigurer actorAndRoles(ActorResolver actorResolver, ApplicationContext context) {
        RoleFirst roleFirst = new RoleFirst(context);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(actorResolver);
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(roleFirst);
            }
        };
    }
}
