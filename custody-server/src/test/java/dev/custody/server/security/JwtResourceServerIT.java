package dev.custody.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production authentication: a force's identity provider signs JWTs; Custody checks the signature, takes the roles
 * from the {@code roles} claim and the force from {@code force}, and records the subject as the actor. Dev users are
 * off here, as in production.
 */
class JwtResourceServerIT {

    @TempDir
    static Path dir;

    private static KeyPair keys;
    private static ConfigurableApplicationContext app;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path publicKey = dir.resolve("idp.pub");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        app = new SpringApplicationBuilder(CustodyApplication.class).run(
                "--server.port=0",
                "--custody.embedded-postgres.durable=false",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void officerTokenSeizesAndIsRecordedAsTheActor() {
        Response seized = post(token("PC-4711", List.of("OFFICER"), "gwent", keys), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60)));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);

        Response history = api.send(null, "GET", "/api/v1/devices/" + seized.json().get("deviceId").asText() + "/history",
                null, Map.of("Authorization", "Bearer " + token("HMI-1", List.of("INSPECTOR"), null, keys)));
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().at("/events/0/actor/id").asText()).isEqualTo("PC-4711");
        assertThat(history.json().at("/events/0/payload/force").asText()).isEqualTo("gwent");
    }

    @Test
    void wrongRoleIs403() {
        Response response = post(token("DFU-9", List.of("LAB"), "gwent", keys), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void forgedOrMissingTokenIs401AndDevUsersAreOff() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = token("PC-4711", List.of("OFFICER"), "gwent", generator.generateKeyPair());
        assertThat(post(forged, "/api/v1/devices", "{}").status()).isEqualTo(401);
        assertThat(api.post(null, "/api/v1/devices", "{}").status()).isEqualTo(401);
        assertThat(api.post("officer", "/api/v1/devices", "{}").status()).isEqualTo(401);
    }

    @Test
    void every401ChallengesForABearerTokenOnly() {
        Response missing = api.get(null, "/api/v1/devices?size=1");
        Response forged = api.send(null, "GET", "/api/v1/devices?size=1", null, Map.of("Authorization", "Bearer x.y.z"));
        for (Response response : List.of(missing, forged)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("Basic");
        }
        assertThat(forged.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    private static Response post(String token, String path, String body) {
        return api.send(null, "POST", path, body, Map.of("Authorization", "Bearer " + token));
    }

    private static String token(String subject, List<String> roles, String force, KeyPair signingKeys) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("https://idp.example.police.uk")
                    .claim("roles", roles)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)));
            if (force != null) {
                claims.claim("force", force);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) signingKeys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
