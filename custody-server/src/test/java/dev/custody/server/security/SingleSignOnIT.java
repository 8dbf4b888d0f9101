package dev.custody.server.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.Requests;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import dev.custody.server.support.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against a real OIDC issuer over HTTP (mock-oauth2-server): Custody is given only the issuer's URL
 * and its own audience, discovers the JWKS from the issuer's metadata, and reads the caller from Keycloak-style claims
 * ({@code realm_access.roles}, {@code preferred_username}), configured by name. Dev users are off, as in production.
 * <p>
 * The pages sign in at the same issuer by the authorisation-code flow, in a real browser ({@link InTheBrowser}).
 * <p>
 * The issuer publishes its JWKS through a route of this test, so a key rotation can add a key with a new key id, as
 * real identity providers do; tokens under the new key are signed here with it. Everything else (metadata, the
 * original key, token issuing) is the mock server's own.
 */
class SingleSignOnIT {

    private static final String ISSUER_ID = "custody";
    private static final String AUDIENCE = "custody-api";
    private static final String WEB_CLIENT = "custody-web";

    private static final KeyProvider KEYS = new KeyProvider();
    /** Keys the issuer publishes besides its original one: the rotation adds here. */
    private static final List<RSAKey> ROTATED = new CopyOnWriteArrayList<>();
    /** What {@link #issuerPaths()} drained from the issuer's record of requests so far. */
    private static final List<String> ISSUER_PATHS = new ArrayList<>();
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

    private static MockOAuth2Server idp;
    private static ConfigurableApplicationContext app;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        // Interactive: the issuer's own login page takes a user name and claims, as a person signing in to the pages
        // types them; tokens for the API tests are issued directly and are unaffected.
        idp = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(KEYS)),
                OAuth2HttpRouterKt.get("/" + ISSUER_ID + "/jwks", request -> {
                    JWKS_FETCHES.incrementAndGet();
                    List<JWK> published = new ArrayList<>();
                    published.add(KEYS.signingKey(ISSUER_ID).toPublicJWK());
                    ROTATED.forEach(k -> published.add(k.toPublicJWK()));
                    return OAuth2HttpResponseKt.json(new JWKSet(published).toJSONObject());
                }));
        idp.start();
        app = new SpringApplicationBuilder(CustodyApplication.class).run(
                "--server.port=0",
                "--custody.embedded-postgres.durable=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE,
                "--custody.security.claims.roles=realm_access.roles",
                "--custody.security.claims.actor=preferred_username",
                // The pages' sign-in by authorisation code, with its own client id at the same issuer.
                "--spring.security.oauth2.client.provider.custody.issuer-uri=" + issuer(),
                "--spring.security.oauth2.client.registration.custody.client-id=" + WEB_CLIENT,
                "--spring.security.oauth2.client.registration.custody.client-secret=not-a-secret",
                "--spring.security.oauth2.client.registration.custody.scope=openid");
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    @Test
    void discovers_the_jwks_from_the_issuer_metadata_not_per_request() {
        assertThat(get(token("HMI-7", List.of("INSPECTOR"), null, null), "/api/v1/alerts").status()).isEqualTo(200);
        long metadataReads = metadataReads(issuerPaths());
        assertThat(get(token("HMI-7", List.of("INSPECTOR"), null, null), "/api/v1/alerts").status()).isEqualTo(200);
        assertThat(get(token("HMI-8", List.of("INSPECTOR"), null, null), "/api/v1/alerts").status()).isEqualTo(200);

        List<String> paths = issuerPaths();
        assertThat(paths).as("Custody was given only the issuer URL")
                .contains("/" + ISSUER_ID + "/.well-known/openid-configuration", "/" + ISSUER_ID + "/jwks");
        assertThat(metadataReads(paths)).as("metadata is read once by each reader (the API's token check, the pages' "
                + "sign-in), not per request").isEqualTo(metadataReads).isLessThanOrEqualTo(2);
    }

    @Test
    void officer_token_seizes_and_its_configured_claims_are_the_recorded_actor_and_force() {
        Response seized = post(token("PC-4711", List.of("officer", "offline_access"), "gwent", null), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60)));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);

        Response history = get(token("HMI-1", List.of("INSPECTOR"), null, null),
                "/api/v1/devices/" + seized.json().get("deviceId").asText() + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().at("/events/0/actor/id").asText()).isEqualTo("PC-4711");
        assertThat(history.json().at("/events/0/payload/force").asText()).isEqualTo("gwent");
    }

    @Test
    void wrong_role_is_403_and_dev_users_are_off() {
        Response asLab = post(token("DFU-9", List.of("LAB"), "gwent", "gwent-dfu"), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(asLab.status()).isEqualTo(403);
        assertThat(api.get(null, "/api/v1/alerts").status()).isEqualTo(401);
        assertThat(api.get("inspector", "/api/v1/alerts").status()).isEqualTo(401);
    }

    @Test
    void a_rotated_key_with_a_new_key_id_is_fetched_from_the_jwks_and_accepted() throws Exception {
        String beforeRotation = token("HMI-2", List.of("INSPECTOR"), null, null);
        assertThat(get(beforeRotation, "/api/v1/alerts").status()).isEqualTo(200);
        int fetchesBefore = JWKS_FETCHES.get();

        RSAKey next = new RSAKeyGenerator(2048).keyID(ISSUER_ID + "-" + UUID.randomUUID()).generate();
        String underNewKey = signed(next, claims("HMI-2", List.of("INSPECTOR"), null, null)
                .issuer(issuer()).audience(AUDIENCE).expirationTime(inSeconds(600)).build());
        assertThat(get(underNewKey, "/api/v1/alerts").status()).as("before the issuer publishes it").isEqualTo(401);

        ROTATED.add(next);
        assertThat(get(underNewKey, "/api/v1/alerts").status()).as("after the issuer publishes it").isEqualTo(200);
        assertThat(JWKS_FETCHES.get()).as("the unknown key id made Custody fetch the JWKS again")
                .isGreaterThan(fetchesBefore);
        assertThat(get(beforeRotation, "/api/v1/alerts").status()).as("the old key overlaps").isEqualTo(200);
    }

    @Test
    void an_expired_token_is_401() {
        String expired = idp.issueToken(ISSUER_ID, UUID.randomUUID().toString(), AUDIENCE,
                claimsMap("HMI-3", List.of("INSPECTOR"), null, null), -3600).serialize();
        assertThat(get(expired, "/api/v1/alerts").status()).isEqualTo(401);
    }

    @Test
    void a_token_for_another_audience_or_none_is_401() {
        String otherApp = idp.issueToken(ISSUER_ID, UUID.randomUUID().toString(), "another-app",
                claimsMap("HMI-4", List.of("INSPECTOR"), null, null), 600).serialize();
        assertThat(get(otherApp, "/api/v1/alerts").status()).isEqualTo(401);
        String noAudience = idp.issueToken(ISSUER_ID, UUID.randomUUID().toString(), null,
                claimsMap("HMI-4", List.of("INSPECTOR"), null, null), 600).serialize();
        assertThat(get(noAudience, "/api/v1/alerts").status()).isEqualTo(401);
        assertThat(get(token("HMI-4", List.of("INSPECTOR"), null, null), "/api/v1/alerts").status()).isEqualTo(200);
    }

    @Test
    void a_token_of_another_issuer_is_401_even_when_signed_with_a_trusted_key() throws Exception {
        String otherIssuerSameKey = signed(KEYS.signingKey(ISSUER_ID).toRSAKey(),
                claims("HMI-5", List.of("INSPECTOR"), null, null).issuer("https://elsewhere.example/" + ISSUER_ID)
                        .audience(AUDIENCE).expirationTime(inSeconds(600)).build());
        assertThat(get(otherIssuerSameKey, "/api/v1/alerts").status()).isEqualTo(401);

        String otherIssuerOwnKey = idp.issueToken("elsewhere", UUID.randomUUID().toString(), AUDIENCE,
                claimsMap("HMI-5", List.of("INSPECTOR"), null, null), 600).serialize();
        assertThat(get(otherIssuerOwnKey, "/api/v1/alerts").status()).isEqualTo(401);
    }

    @Test
    void a_force_bound_role_without_the_force_claim_is_401_and_stores_nothing() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        long eventsBefore = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        Response seized = post(token("PC-0", List.of("OFFICER"), null, null), "/api/v1/devices",
                Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60)));
        assertThat(seized.status()).isEqualTo(401);
        assertThat(seized.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(eventsBefore);

        assertThat(get(token("PC-0", List.of("SUPERVISOR"), null, null), "/api/v1/alerts").status()).isEqualTo(401);
        assertThat(get(token("DFU-0", List.of("LAB"), "gwent", null), "/api/v1/alerts").status())
                .as("a lab role without its lab").isEqualTo(401);
        assertThat(get(token("HMI-6", List.of("INSPECTOR"), null, null), "/api/v1/alerts").status())
                .as("a national role needs no force").isEqualTo(200);
    }

    @Test
    void every_401_challenges_for_a_bearer_token_only() {
        Response missing = api.get(null, "/api/v1/devices?size=1");
        Response forged = api.send(null, "GET", "/api/v1/devices?size=1", null, Map.of("Authorization", "Bearer x.y.z"));
        for (Response response : List.of(missing, forged)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("Basic");
        }
        assertThat(forged.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    /**
     * The pages' sign-in by the OIDC authorisation-code flow, in a real browser: the sign-in page offers the force
     * account, the browser goes to the issuer's own login page and comes back signed in, its person read from the ID
     * token's claims by the same mapping as the API's tokens.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InTheBrowser {

        private Browser browser;

        @BeforeAll
        void openBrowser() {
            browser = Browser.open(((WebServerApplicationContext) app).getWebServer().getPort());
        }

        @AfterAll
        void closeBrowser() {
            if (browser != null) {
                browser.close();
            }
        }

        @BeforeEach
        void signedOut() {
            browser.driver().manage().deleteAllCookies();
        }

        /** From the sign-in page to the issuer's login page, where the person types who they are. */
        private void signInAtTheIssuer(String user, String claims) {
            browser.go("/sign-in");
            assertThat(browser.text(By.tagName("main"))).as("dev users are off")
                    .doesNotContain("Development users");
            browser.driver().findElement(By.linkText("Sign in with your force account")).click();
            browser.waitUntil("at the issuer's login page", b -> b.driver().getCurrentUrl().startsWith(issuer()));
            WebElement username = browser.waitFor(By.name("username"));
            username.sendKeys(user);
            browser.driver().findElement(By.name("claims")).sendKeys(claims);
            username.submit();
            browser.waitUntil("back at Custody", b -> !b.driver().getCurrentUrl().startsWith(issuer()));
            // What the issuer's page logged (its web font cannot load here) is not Custody's to answer for.
            browser.driver().manage().logs().get(LogType.BROWSER);
        }

        @Test
        void a_supervisor_signs_in_with_the_force_account_lands_on_the_alerts_and_signs_out_at_the_issuer_too() {
            signInAtTheIssuer("b9e1c3", """
                    {"preferred_username":"SGT-51","realm_access":{"roles":["SUPERVISOR","offline_access"]},
                     "force":"dyfed-powys"}""");
            browser.waitUntil("back at Custody, at the supervisor's start page",
                    b -> b.driver().getCurrentUrl().endsWith("/supervisor"));
            assertThat(browser.text(By.cssSelector(".custody-signed-in"))).isEqualTo("Signed in as SGT-51");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Alerts");
            browser.check("oidc-signed-in");

            // Out of Custody, through the issuer's end-session endpoint, and back to the sign-in page.
            browser.driver().findElement(By.cssSelector("[data-test=sign-out]")).click();
            browser.waitUntil("back at the sign-in page", b -> b.path().startsWith("/sign-in"));
            assertThat(browser.path()).isEqualTo("/sign-in?signed-out");
            assertThat(browser.text(By.tagName("main"))).contains("You have signed out");
            browser.go("/supervisor");
            browser.waitUntil("the session ended", b -> b.path().startsWith("/sign-in"));
        }

        @Test
        void the_signed_in_person_is_the_recorded_actor_with_the_claims_force() {
            Response seized = post(token("PC-4712", List.of("OFFICER"), "gwent", null), "/api/v1/devices",
                    Requests.seizeVictimPhone(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60)));
            assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
            String device = seized.json().get("deviceId").asText();

            signInAtTheIssuer("5f0a77", """
                    {"preferred_username":"SGT-52","realm_access":{"roles":["SUPERVISOR"]},"force":"gwent"}""");
            browser.waitUntil("signed in", b -> b.driver().getCurrentUrl().endsWith("/supervisor"));
            browser.go("/devices/" + device);
            assertThat(browser.text(By.cssSelector("[data-test=stage]"))).as("a device of the claim's force")
                    .isEqualTo("Seized");
        }

        @Test
        void an_account_whose_role_needs_a_force_but_has_none_is_refused_with_a_clear_page() {
            signInAtTheIssuer("0c4d2e", """
                    {"preferred_username":"PC-0","realm_access":{"roles":["OFFICER"]}}""");
            browser.waitUntil("refused", b -> b.driver().getCurrentUrl().contains("/sign-in?refused"));
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot sign in with this account");
            assertThat(browser.text(By.tagName("main"))).contains("does not say which force you work for");
            browser.driver().findElement(By.cssSelector(".govuk-details__summary")).click();
            assertThat(browser.text(By.cssSelector("[data-test=refused-reason]"))).contains("'force' claim");
            browser.check("oidc-refused");

            browser.go("/officer");
            browser.waitUntil("not signed in", b -> b.path().startsWith("/sign-in"));
        }
    }

    // ---- tokens ----

    private static String issuer() {
        return idp.issuerUrl(ISSUER_ID).toString();
    }

    /** A token from the mock issuer, with Keycloak's claim shapes. */
    private static String token(String user, List<String> roles, String force, String lab) {
        return idp.issueToken(ISSUER_ID, UUID.randomUUID().toString(), AUDIENCE, claimsMap(user, roles, force, lab), 600)
                .serialize();
    }

    private static Map<String, Object> claimsMap(String user, List<String> roles, String force, String lab) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", user);
        claims.put("realm_access", Map.of("roles", roles));
        if (force != null) {
            claims.put("force", force);
        }
        if (lab != null) {
            claims.put("lab", lab);
        }
        return claims;
    }

    private static JWTClaimsSet.Builder claims(String user, List<String> roles, String force, String lab) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
                .issueTime(new Date());
        claimsMap(user, roles, force, lab).forEach(builder::claim);
        return builder;
    }

    private static Date inSeconds(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Every path the issuer was asked for since the test class started, in order. */
    private static List<String> issuerPaths() {
        synchronized (ISSUER_PATHS) {
            for (RecordedRequest r = next(); r != null; r = next()) {
                ISSUER_PATHS.add(r.getPath());
            }
            return List.copyOf(ISSUER_PATHS);
        }
    }

    private static long metadataReads(List<String> paths) {
        return paths.stream().filter(("/" + ISSUER_ID + "/.well-known/openid-configuration")::equals).count();
    }

    private static RecordedRequest next() {
        try {
            return idp.takeRequest(200, TimeUnit.MILLISECONDS);
        } catch (RuntimeException none) {
            return null;
        }
    }

    private static Response get(String token, String path) {
        return api.send(null, "GET", path, null, Map.of("Authorization", "Bearer " + token));
    }

    private static Response post(String token, String path, String body) {
        return api.send(null, "POST", path, body, Map.of("Authorization", "Bearer " + token));
    }
}
