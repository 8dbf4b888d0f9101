package dev.custody.server.support;

import dev.custody.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP integration tests: the whole server on a random port, on a real embedded PostgreSQL and Kafka
 * started by the server itself (fsync off for speed), dev users on, and a clock the test controls. With
 * {@code -Ptestcontainers} the same context runs on PostgreSQL 16 and Kafka in Docker instead ({@link Containers});
 * where there is no Docker, the profile skips these tests.
 * All subclasses share one Spring context, so one database: tests create their own devices and never assume an
 * empty store.
 */
@SpringBootTest(classes = dev.custody.server.CustodyApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"custody.security.dev-users=true", "custody.embedded-postgres.durable=false",
                ContainerServers.OPT_IN + "=true",
                "custody.metrics.refresh=PT0.5S",
                "custody.notifier.dispatch-interval=PT0.2S",
                "custody.notifier.forces.dyfed-powys.name-en=Dyfed-Powys Police",
                "custody.notifier.forces.dyfed-powys.name-cy=Heddlu Dyfed-Powys",
                "custody.notifier.forces.dyfed-powys.contact-number=0300 123 4567",
                "custody.notifier.forces.dyfed-powys.supervisor-email=supervisors@dyfed-powys.test"})
@Import(CustodyIT.TestClock.class)
@AutoConfigureObservability(tracing = false)
@ExtendWith(Containers.SkipWithoutDocker.class)
public abstract class CustodyIT {

    @TestConfiguration(proxyBeanMethods = false)
    public static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    /** Test identities (JWTs) and the notifier's email, which goes to the JVM's one GreenMail server. */
    @DynamicPropertySource
    static void externalServices(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", Identities::publicKeyLocation);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", TestMail::smtpPort);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected Api api;

    @BeforeEach
    void setUpApi() {
        api = new Api(port);
    }

    protected Instant now() {
        return clock.instant();
    }

    /** Seizes a victim's phone as {@code officer}, an hour ago, and returns its id. */
    protected String seizeVictimPhone() {
        Api.Response response = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(now().minusSeconds(3600)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("deviceId").asText();
    }

    protected JsonNode history(String deviceId) {
        Api.Response response = api.get("inspector", "/api/v1/devices/" + deviceId + "/history");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("events");
    }

}
