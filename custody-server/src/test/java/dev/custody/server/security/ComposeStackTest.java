package dev.custody.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.values.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack's single sign-on, checked by reading the files, since no Docker runs here: the Keycloak realm
 * has every role with a user, the claims Custody reads (named as the compose file tells Custody), the audience, and
 * a METRICS client for Prometheus; the Custody nodes use it with no dev users and distinct node ids.
 */
class ComposeStackTest {

    private static final Path INFRA = Path.of("..", "infra");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode realm;
    private static Map<String, Object> services;
    private static Map<String, Object> prometheus;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        realm = JSON.readTree(INFRA.resolve("keycloak/realm.json").toFile());
        Map<String, Object> compose = new Yaml().load(Files.readString(INFRA.resolve("compose.yaml")));
        services = (Map<String, Object>) compose.get("services");
        prometheus = new Yaml().load(Files.readString(INFRA.resolve("prometheus/prometheus.yml")));
    }

    @Test
    void the_custody_nodes_use_the_realm_with_no_dev_users_and_distinct_node_ids() {
        List<Map<String, Object>> nodes = custodyNodes();
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
        Set<String> nodeIds = new HashSet<>();
        for (Map<String, Object> env : nodes) {
            assertThat(env).doesNotContainKey("CUSTODY_SECURITY_DEV_USERS");
            nodeIds.add(String.valueOf(env.get("CUSTODY_NODE_ID")));
            assertThat(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
                    .isEqualTo(keycloakEnv().get("KC_HOSTNAME") + "/realms/" + realm.path("realm").asText());
            assertThat((String) env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI"))
                    .startsWith("http://keycloak:8080/realms/" + realm.path("realm").asText() + "/");
            assertThat(env.get("CUSTODY_SECURITY_CLAIMS_ROLES")).isEqualTo("realm_access.roles");
            assertThat(env.get("CUSTODY_SECURITY_CLAIMS_ACTOR")).isEqualTo("preferred_username");
        }
        assertThat(nodeIds).as("custody.node-id per node").hasSize(nodes.size()).doesNotContain("null");
    }

    @Test
    void every_role_but_the_internal_notifier_is_a_realm_role_with_a_user_who_carries_the_claims_it_needs() {
        Set<String> realmRoles = new HashSet<>();
        realm.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        Set<Role> people = EnumSet.allOf(Role.class);
        people.remove(Role.NOTIFIER);
        Set<Role> withUser = EnumSet.noneOf(Role.class);
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            String name = user.path("username").asText();
            assertThat(user.path("credentials").path(0).path("value").asText()).as(name).isEqualTo("custody");
            assertThat(user.path("requiredActions")).as(name).isEmpty();
            assertThat(user.path("emailVerified").asBoolean()).as(name).isTrue();
            for (String field : List.of("email", "firstName", "lastName")) {
                assertThat(user.path(field).asText()).as(name + " " + field + " (else Keycloak asks at login)")
                        .isNotBlank();
            }
            for (JsonNode roleName : user.path("realmRoles")) {
                Role role = Role.valueOf(roleName.asText());
                withUser.add(role);
                if (JwtActors.FORCE_BOUND.contains(role)) {
                    assertThat(user.path("attributes").path(claims().force()).path(0).asText())
                            .as(name + " force").isNotBlank();
                }
                if (role == Role.LAB) {
                    assertThat(user.path("attributes").path(claims().lab()).path(0).asText()).as(name + " lab")
                            .isNotBlank();
                }
            }
        }
        for (Role role : people) {
            assertThat(realmRoles).contains(role.name());
        }
        assertThat(withUser).as("one user per role").containsAll(people);
    }

    @Test
    void user_tokens_carry_the_audience_and_the_force_and_lab_claims() throws IOException {
        JsonNode cli = client("custody-cli");
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(audiences(cli)).containsExactly(audience());
        Map<String, String> attributeClaims = new HashMap<>();
        cli.path("protocolMappers").forEach(m -> {
            if (m.path("protocolMapper").asText().equals("oidc-usermodel-attribute-mapper")) {
                assertThat(m.path("config").path("access.token.claim").asText()).isEqualTo("true");
                attributeClaims.put(m.path("config").path("user.attribute").asText(),
                        m.path("config").path("claim.name").asText());
            }
        });
        assertThat(attributeClaims).containsEntry("force", claims().force()).containsEntry("lab", claims().lab());
        assertThat(cli.path("defaultClientScopes")).extracting(JsonNode::asText)
                .contains("roles", "profile", "basic");

        // Keycloak keeps only the user attributes its user profile declares.
        String profile = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0)
                .path("config").path("kc.user.profile.config").path(0).asText();
        List<String> declared = new ArrayList<>();
        JSON.readTree(profile).path("attributes").forEach(a -> declared.add(a.path("name").asText()));
        assertThat(declared).contains("force", "lab");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheus_scrapes_as_a_client_whose_service_account_has_the_metrics_role_only() {
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        Map<String, Object> oauth2 = (Map<String, Object>) job.get("oauth2");
        JsonNode client = client((String) oauth2.get("client_id"));
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("secret").asText()).isEqualTo(oauth2.get("client_secret"));
        assertThat(audiences(client)).containsExactly(audience());
        assertThat((String) oauth2.get("token_url"))
                .isEqualTo("http://keycloak:8080/realms/" + realm.path("realm").asText() + "/protocol/openid-connect/token");
        JsonNode account = null;
        for (JsonNode user : realm.path("users")) {
            if (client.path("clientId").asText().equals(user.path("serviceAccountClientId").asText())) {
                account = user;
            }
        }
        assertThat(account).isNotNull();
        assertThat(account.path("realmRoles")).extracting(JsonNode::asText).containsExactly(Role.METRICS.name());
        List<String> targets = (List<String>) ((List<Map<String, Object>>) job.get("static_configs")).get(0)
                .get("targets");
        assertThat(targets).containsExactlyInAnyOrder("custody-1:8080", "custody-2:8080");
        assertThat(services).containsKeys("custody-1", "custody-2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafana_mounts_the_dashboards_where_its_provisioning_looks() throws IOException {
        Map<String, Object> provider = ((List<Map<String, Object>>) ((Map<String, Object>) new Yaml().load(
                Files.readString(INFRA.resolve("grafana/provisioning/dashboards/custody.yml")))).get("providers")).get(0);
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        List<String> volumes = (List<String>) ((Map<String, Object>) services.get("grafana")).get("volumes");
        assertThat(volumes).contains("./grafana/dashboards:" + path + ":ro");
        List<String> prometheusVolumes = (List<String>) ((Map<String, Object>) services.get("prometheus")).get("volumes");
        assertThat(prometheusVolumes).contains("./prometheus/rules:/etc/prometheus/rules:ro");
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("rules/*.yml");
    }

    // ----

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> custodyNodes() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        services.forEach((name, service) -> {
            if (name.startsWith("custody-")) {
                nodes.add((Map<String, Object>) ((Map<String, Object>) service).get("environment"));
            }
        });
        return nodes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> keycloakEnv() {
        return (Map<String, Object>) ((Map<String, Object>) services.get("keycloak")).get("environment");
    }

    /** The claim names the compose file gives Custody, defaults where it gives none. */
    private static ClaimNames claims() {
        Map<String, Object> env = custodyNodes().get(0);
        return new ClaimNames((String) env.get("CUSTODY_SECURITY_CLAIMS_ACTOR"),
                (String) env.get("CUSTODY_SECURITY_CLAIMS_ROLES"), (String) env.get("CUSTODY_SECURITY_CLAIMS_FORCE"),
                (String) env.get("CUSTODY_SECURITY_CLAIMS_LAB"));
    }

    private static String audience() {
        return (String) custodyNodes().get(0).get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES");
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static List<String> audiences(JsonNode client) {
        List<String> audiences = new ArrayList<>();
        client.path("protocolMappers").forEach(m -> {
            if (m.path("protocolMapper").asText().equals("oidc-audience-mapper")
                    && m.path("config").path("access.token.claim").asText().equals("true")) {
                audiences.add(m.path("config").path("included.client.audience").asText());
            }
        });
        return audiences;
    }
}
