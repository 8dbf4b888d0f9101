package dev.custody.server.security;

import dev.custody.values.Actor;
import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the caller is read from the claims of each identity provider's shape, and which tokens are refused. */
class JwtActorsTest {

    private static JwtActors actors(ClaimNames names) {
        return new JwtActors(names, new StaticListableBeanFactory().getBeanProvider(OAuth2ResourceServerProperties.class));
    }

    @Test
    void default_names_read_flat_claims() {
        Actor actor = actors(ClaimNames.defaults()).actor(Map.of("sub", "PC-1", "roles", List.of("LAB"),
                "force", "gwent", "lab", "gwent-dfu"));
        assertThat(actor).isEqualTo(new Actor("PC-1", Set.of(Role.LAB), new ForceCode("gwent"), new LabId("gwent-dfu")));
    }

    @Test
    void keycloak_realm_roles_are_read_by_path_ignoring_case_and_other_roles() {
        JwtActors keycloak = actors(new ClaimNames("preferred_username", "realm_access.roles", null, null));
        Actor actor = keycloak.actor(Map.of("sub", "3f1c…", "preferred_username", "pc-4711",
                "realm_access", Map.of("roles", List.of("officer", "offline_access", "default-roles-custody")),
                "force", "dyfed-powys"));
        assertThat(actor.id()).isEqualTo("pc-4711");
        assertThat(actor.roles()).containsExactly(Role.OFFICER);
        assertThat(actor.force()).isEqualTo(new ForceCode("dyfed-powys"));
    }

    @Test
    void a_dotted_name_that_is_a_top_level_claim_is_taken_as_it_is() {
        // Entra ID names directory extension claims like this: one claim whose name holds a dot.
        JwtActors entra = actors(new ClaimNames("oid", null, "extn.force", null));
        Actor actor = entra.actor(Map.of("oid", "0000-1", "roles", List.of("SUPERVISOR"), "extn.force", "met"));
        assertThat(actor.force()).isEqualTo(new ForceCode("met"));
        assertThat(actor.roles()).containsExactly(Role.SUPERVISOR);
    }

    @Test
    void roles_may_come_as_one_string() {
        assertThat(JwtActors.roles("INSPECTOR metrics")).containsExactlyInAnyOrder(Role.INSPECTOR, Role.METRICS);
        assertThat(JwtActors.roles(null)).isEmpty();
        assertThat(JwtActors.roles(42)).isEmpty();
    }

    @Test
    void force_bound_roles_without_a_force_are_refused_and_national_roles_need_none() {
        JwtActors actors = actors(ClaimNames.defaults());
        for (String role : List.of("OFFICER", "LAB", "SUPERVISOR")) {
            assertThatThrownBy(() -> actors.actor(Map.of("sub", "x", "roles", List.of(role), "lab", "l")))
                    .as(role).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("'force'");
        }
        assertThatThrownBy(() -> actors.actor(Map.of("sub", "x", "roles", List.of("INSPECTOR", "OFFICER"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        for (String role : List.of("INSPECTOR", "ADMIN", "METRICS")) {
            assertThat(actors.actor(Map.of("sub", "x", "roles", List.of(role))).force()).as(role).isNull();
        }
    }

    @Test
    void a_lab_role_without_a_lab_and_a_token_without_the_actor_claim_are_refused() {
        JwtActors actors = actors(ClaimNames.defaults());
        assertThatThrownBy(() -> actors.actor(Map.of("sub", "x", "roles", List.of("LAB"), "force", "gwent")))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("'lab'");
        assertThatThrownBy(() -> actors.actor(Map.of("roles", List.of("INSPECTOR"))))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("'sub'");
    }

    @Test
    void a_remote_issuer_without_an_audience_stops_the_start() {
        OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties().getJwt();
        jwt.setIssuerUri("https://idp.example/realms/custody");
        assertThatThrownBy(() -> JwtActors.requireAudience(jwt)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audiences");
        jwt.setAudiences(List.of("custody-api"));
        JwtActors.requireAudience(jwt);

        // A static key (tests, a single trusted signer) does not make the audience compulsory.
        JwtActors.requireAudience(new OAuth2ResourceServerProperties().getJwt());
    }
}
