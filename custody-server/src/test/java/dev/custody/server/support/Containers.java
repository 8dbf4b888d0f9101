package dev.custody.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The integration tests' servers in Docker, for where Docker exists: PostgreSQL 16, a single-node KRaft Kafka
 * ({@code apache/kafka}) and Keycloak with the realm of {@code infra/keycloak/realm.json}, the images of
 * {@code infra/compose.yaml}. Each is started once per JVM, on first use, and removed by Testcontainers when the JVM
 * ends.
 * <p>
 * The build uses them only with {@code -Ptestcontainers}, which sets the system property {@value #SWITCH}: the shared
 * test context ({@link CustodyIT}) then runs on PostgreSQL and Kafka here ({@link ContainerServers}), and the ITs
 * tagged {@value #TAG} (excluded from the default build) run too. Without the profile nothing here is touched and
 * every IT runs on the embedded servers, as on the build machines, which have no Docker.
 */
public final class Containers {

    /** The system property that puts the shared test context on the containers; set by {@code -Ptestcontainers}. */
    public static final String SWITCH = "custody.it.containers";
    /** The tag of ITs that always need the containers; only {@code -Ptestcontainers} runs them. */
    public static final String TAG = "containers";

    public static final String REALM = "custody";
    private static final Path REALM_FILE = Path.of("..", "infra", "keycloak", "realm.json");
    private static final String POSTGRES_PASSWORD = "custody";

    private static PostgreSQLContainer<?> postgres;
    private static KafkaContainer kafka;
    private static GenericContainer<?> keycloak;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Containers() {
    }

    public static boolean switchedOn() {
        return Boolean.getBoolean(SWITCH);
    }

    /** The superuser {@code postgres}, as on the embedded server; fsync is off (Testcontainers' default). */
    public static synchronized PostgreSQLContainer<?> postgres() {
        if (postgres == null) {
            postgres = new PostgreSQLContainer<>("postgres:16")
                    .withDatabaseName("custody").withUsername("postgres").withPassword(POSTGRES_PASSWORD);
            postgres.start();
        }
        return postgres;
    }

    /** Topics are never created automatically, as on the embedded broker and in production: Custody creates them. */
    public static synchronized KafkaContainer kafka() {
        if (kafka == null) {
            kafka = new KafkaContainer("apache/kafka:3.9.1").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            kafka.start();
        }
        return kafka;
    }

    /** Keycloak in dev mode with the development realm imported (users' password: {@code custody}). */
    public static synchronized GenericContainer<?> keycloak() {
        if (keycloak == null) {
            keycloak = new GenericContainer<>("quay.io/keycloak/keycloak:26.0")
                    .withCommand("start-dev", "--import-realm")
                    .withEnv("KC_HEALTH_ENABLED", "true")
                    .withCopyFileToContainer(MountableFile.forHostPath(REALM_FILE),
                            "/opt/keycloak/data/import/realm.json")
                    .withExposedPorts(8080, 9000)
                    // Health is served on the management port once the realm is imported.
                    .waitingFor(Wait.forHttp("/health/ready").forPort(9000)
                            .withStartupTimeout(Duration.ofMinutes(3)));
            keycloak.start();
        }
        return keycloak;
    }

    /**
     * Keycloak's base URL as this JVM reaches it. Keycloak derives the issuer of its tokens from the URL a token is
     * asked for at, so the issuer is {@code keycloakUrl() + "/realms/custody"}.
     */
    public static String keycloakUrl() {
        GenericContainer<?> container = keycloak();
        return "http://" + container.getHost() + ":" + container.getMappedPort(8080);
    }

    /** The shared test context's datasource and broker: the {@code custody} database and the topics' own names. */
    static Map<String, Object> sharedServerProperties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl(postgres().getDatabaseName()),
                "spring.datasource.username", postgres().getUsername(),
                "spring.datasource.password", POSTGRES_PASSWORD,
                "spring.kafka.bootstrap-servers", kafka().getBootstrapServers());
    }

    /**
     * Arguments for a server a test starts itself beside the shared test context, on the same containers but apart
     * from it: a new, empty database, and topics and a notifier consumer group of its own ({@code name} prefixes them).
     */
    public static List<String> ownServerArguments(String name) {
        String database = name + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres().getDatabaseName()),
                postgres().getUsername(), POSTGRES_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + database, e);
        }
        return List.of(
                "--spring.datasource.url=" + jdbcUrl(database),
                "--spring.datasource.username=" + postgres().getUsername(),
                "--spring.datasource.password=" + POSTGRES_PASSWORD,
                "--spring.kafka.bootstrap-servers=" + kafka().getBootstrapServers(),
                "--custody.stream.events-topic=" + database + ".custody.events.v1",
                "--custody.stream.alerts-topic=" + database + ".custody.alerts.v1",
                "--custody.notifier.dlt-topic=" + database + ".custody.notifier.dlt",
                "--custody.notifier.consumer-group=" + database + "-custody-notifier");
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres().getHost() + ":"
                + postgres().getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
    }

    /**
     * Skips, rather than fails, a test class that would run on the containers where there is no Docker: the shared
     * test context's classes with {@value #SWITCH} on, and the classes tagged {@value #TAG}. Without the switch it
     * never asks for Docker, so the default build runs everything on the embedded servers and skips nothing.
     */
    public static final class SkipWithoutDocker implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean onContainers = switchedOn() || context.getTags().contains(TAG);
            if (!onContainers) {
                return ConditionEvaluationResult.enabled("on the embedded servers");
            }
            return DockerClientFactory.instance().isDockerAvailable()
                    ? ConditionEvaluationResult.enabled("on the containers")
                    : ConditionEvaluationResult.disabled("no Docker here for the test containers: skipped"
                            + (switchedOn() && !context.getTags().contains(TAG)
                                    ? " (without -Ptestcontainers it runs on the embedded servers)" : ""));
        }
    }
}
