package dev.custody.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.Containers;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against Keycloak itself, with the realm of the compose stack ({@code infra/keycloak/realm.json}):
 * tokens are Keycloak's own, asked for as the realm's users and clients ask for them, and Custody is given only the
 * issuer URL and its audience. {@link SingleSignOnIT} covers what needs a token Keycloak would not issue (expired,
 * another audience, a rotated key) against a mock issuer; this one checks that the real realm's tokens carry what
 * Custody reads. Needs Docker: only {@code -Ptestcontainers} runs it.
 */
@Tag(Containers.TAG)
@ExtendWith(Containers.SkipWithoutDocker.class)
class KeycloakSignOnIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext app;
    private static Api api;

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>(Containers.ownServerArguments("sso"));
        args.addAll(List.of(
                "--server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=custody-api",
                "--custody.security.claims.roles=realm_access.roles",
                "--custody.security.claims.actor=preferred_username"));
        app = new SpringApplicationBuilder(CustodyApplication.class).run(args.toArray(String[]::new));
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void an_officers_token_seizes_as_the_officer_for_the_officers_force_and_another_force_cannot_see_it() {
        Response seized = api.post(user("officer"), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60)));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        String history = "/api/v1/devices/" + seized.json().get("deviceId").asText() + "/history";

        Response read = api.get(user("inspector"), history);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().at("/events/0/actor/id").asText()).isEqualTo("officer");
        assertThat(read.json().at("/events/0/payload/force").asText()).as("the user's force attribute")
                .isEqualTo("dyfed-powys");

        assertThat(api.get(user("met-officer"), history).status()).as("another force's device").isEqualTo(404);
    }

    @Test
    void a_lab_token_cannot_seize_and_dev_users_are_off() {
        assertThat(api.post(user("lab"), "/api/v1/devices", Requests.seizeVictimPhone(Instant.now()
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(403);
        assertThat(api.get("inspector", "/api/v1/alerts").status()).as("HTTP Basic dev user").isEqualTo(401);
    }

    @Test
    void the_prometheus_clients_own_token_reads_the_metrics_and_a_person_does_not() {
        String scraper = Api.BEARER + token(Map.of("grant_type", "client_credentials",
                "client_id", "custody-prometheus", "client_secret", "custody-prometheus-dev-secret"));
        Response metrics = api.get(scraper, "/actuator/prometheus");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes");
        assertThat(api.get(user("officer"), "/actuator/prometheus").status()).isEqualTo(403);
    }

    private static String issuer() {
        return Containers.keycloakUrl() + "/realms/" + Containers.REALM;
    }

    /** A realm user's access token, by the password grant of the realm's command-line client (as in the docs). */
    private static String user(String username) {
        return Api.BEARER + token(Map.of("grant_type", "password", "client_id", "custody-cli",
                "username", username, "password", "custody"));
    }

    private static String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
