package dev.custody.server.outage;

import dev.custody.embedded.kafka.LocalKafka;
import dev.custody.embedded.postgres.LocalPostgres;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.ServerArguments;
import dev.custody.server.support.TestMail;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away and comes back on the same port, as after a failover or a restart of the database server.
 * <ul>
 *   <li>Readiness turns DOWN within 5 s, so a load balancer stops sending traffic.</li>
 *   <li>A command fails fast with 503 problem+json, not after the pool's 30 s default wait.</li>
 *   <li>Within 10 s of the database coming back, with no operator action, commands are accepted again and every
 *   processor resumes: the projection (the new device is readable), the Kafka publisher (its event is on the
 *   topic), the alert engine (a late seizure's alerts are raised) and the notifier (the victim's receipt is sent).</li>
 * </ul>
 * The timings are printed.
 */
class DatabaseOutageIT {

    private static final Duration READINESS_DOWN_WITHIN = Duration.ofSeconds(5);
    private static final Duration FAIL_FAST_WITHIN = Duration.ofSeconds(5);
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("custody.it.outage-seconds", 30));
    private static final String SUPERVISORS = "supervisors-" + UUID.randomUUID().toString().substring(0, 8)
            + "@dyfed-powys.test";

    @Test
    void theServerReportsAnOutageAtOnceFailsFastAndHealsItselfWhenTheDatabaseIsBack() throws Exception {
        Path dataDir = LocalPostgres.scratchDir().resolve("outage-" + UUID.randomUUID());
        int pgPort = freePort();
        LocalPostgres postgres = LocalPostgres.builder().dataDir(dataDir).port(pgPort).durable(false).start();
        EmbeddedKafkaKraftBroker kafka = LocalKafka.start(2);
        try (ConfigurableApplicationContext app = start(postgres, kafka);
             KafkaConsumer<String, String> events = consumer(kafka)) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String before = seizeLate(api, now);
            Await.until(Duration.ofSeconds(60), () -> api.get("officer", "/api/v1/devices/" + before).status() == 200);
            assertThat(readiness(api)).isEqualTo(200);

            postgres.close();
            long down = System.nanoTime();

            Api.Response ready = Await.until(Duration.ofSeconds(30), () -> api.get(null, "/actuator/health/readiness"),
                    r -> r.status() == 503);
            double readinessDownAfter = seconds(System.nanoTime() - down);

            long sent = System.nanoTime();
            Api.Response refused = api.post("officer", "/api/v1/devices", Seizure.at(now.minusSeconds(3600)).json());
            double refusedAfter = seconds(System.nanoTime() - sent);

            // Down long enough for every processor to have failed and backed off a few times.
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));

            postgres = LocalPostgres.builder().dataDir(dataDir).port(pgPort).durable(false).start();
            long back = System.nanoTime();

            // Serves again: the first command accepted after the database is back.
            String after = Await.until(Duration.ofSeconds(60), () -> tryToSeizeLate(api, now), id -> id != null);
            double servingAfter = seconds(System.nanoTime() - back);
            Await.until(Duration.ofSeconds(60), () -> readiness(api) == 200);
            double readyAfter = seconds(System.nanoTime() - back);
            // Every processor resumes.
            Await.until(Duration.ofSeconds(60), () -> api.get("officer", "/api/v1/devices/" + after).status() == 200);
            double projectedAfter = seconds(System.nanoTime() - back);
            Set<String> published = new HashSet<>();
            Await.until(Duration.ofSeconds(60), () -> {
                events.poll(Duration.ofMillis(100)).forEach(r -> published.add(r.key()));
                return published.contains(after);
            });
            double publishedAfter = seconds(System.nanoTime() - back);
            Await.until(Duration.ofSeconds(60), () -> api.get("inspector", "/api/v1/alerts?deviceId=" + after).json(),
                    page -> page != null && page.path("totalElements").asLong() > 0);
            double alertedAfter = seconds(System.nanoTime() - back);
            Await.until(Duration.ofSeconds(60), () -> TestMail.to(contacts.get(after)).size() >= 1);
            double notifiedAfter = seconds(System.nanoTime() - back);

            System.out.printf("[database outage] readiness DOWN after %.1f s; a command refused with %d after %.1f s; "
                            + "database back: commands accepted after %.1f s, ready after %.1f s, projected after %.1f s, "
                            + "published after %.1f s, alerted after %.1f s, victim notified after %.1f s%n",
                    readinessDownAfter, refused.status(), refusedAfter, servingAfter, readyAfter, projectedAfter,
                    publishedAfter, alertedAfter, notifiedAfter);

            assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(readinessDownAfter).as("readiness DOWN after (s)").isLessThan(READINESS_DOWN_WITHIN.toSeconds());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("rule").asText()).isEqualTo("database-unavailable");
            assertThat(refusedAfter).as("a command refused after (s)").isLessThan(FAIL_FAST_WITHIN.toSeconds());
            for (double recovered : new double[]{servingAfter, readyAfter, projectedAfter, publishedAfter,
                    alertedAfter, notifiedAfter}) {
                assertThat(recovered).as("recovered after (s)").isLessThan(RECOVERY_WITHIN.toSeconds());
            }
        } finally {
            postgres.close();
            LocalKafka.stop(kafka);
        }
    }

    private static ConfigurableApplicationContext start(LocalPostgres postgres, EmbeddedKafkaKraftBroker kafka) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        args.addAll(ServerArguments.on(postgres, kafka, SUPERVISORS));
        return new SpringApplicationBuilder(CustodyApplication.class).run(args.toArray(String[]::new));
    }

    /** Each seized device's victim's address. */
    private final Map<String, String> contacts = new ConcurrentHashMap<>();

    /** Seizes a victim's phone 30 hours late (so its deadlines are due at once), her contact registered. */
    private String seizeLate(Api api, Instant now) {
        String id = tryToSeizeLate(api, now);
        assertThat(id).isNotNull();
        return id;
    }

    /** @return the new device's id, or null if the server refused */
    private String tryToSeizeLate(Api api, Instant now) {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.send("officer", "PUT", "/api/v1/contacts/" + ref,
                "{\"channel\":\"EMAIL\",\"address\":\"" + ref + "@example.org\",\"language\":\"en\",\"safeToContact\":true}",
                Map.of());
        if (registered.status() != 201) {
            return null;
        }
        Api.Response seized = api.post("officer", "/api/v1/devices", Seizure.at(now.minus(Duration.ofHours(30)))
                .contact(ref).json());
        if (seized.status() != 201) {
            return null;
        }
        String id = seized.json().get("deviceId").asText();
        contacts.put(id, ref + "@example.org");
        return id;
    }

    private static int readiness(Api api) {
        return api.get(null, "/actuator/health/readiness").status();
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaKraftBroker kafka) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("custody.events.v1"));
        return consumer;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
