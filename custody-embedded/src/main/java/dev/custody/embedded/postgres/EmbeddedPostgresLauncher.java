package dev.custody.embedded.postgres;

import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real PostgreSQL ({@link LocalPostgres}) when no {@code spring.datasource.url} is configured, so the
 * system runs on a fresh clone with only a JDK. Configuring a datasource URL switches it off. Only on the classpath
 * of the dev launcher and the tests, never of the production server.
 * <p>
 * Properties: {@code custody.embedded-postgres.enabled} (default true), {@code .data-dir} (keep data across runs;
 * default a throw-away directory) and {@code .durable} (default true; false turns off fsync for fast tests).
 */
public class EmbeddedPostgresLauncher implements EnvironmentPostProcessor, Ordered {

    /** Logged once the application's logging is set up: nothing logged earlier, at this stage, is shown. */
    private final Log log;

    public EmbeddedPostgresLauncher(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresLauncher.class);
    }

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
        String dataDir = environment.getProperty("custody.embedded-postgres.data-dir");
        LocalPostgres postgres = LocalPostgres.builder()
                .dataDir(StringUtils.hasText(dataDir) ? Path.of(dataDir) : null)
                .durable(environment.getProperty("custody.embedded-postgres.durable", Boolean.class, true))
                .start();
        postgres.stoppedOrphan().ifPresent(pid -> log.warn("Stopped the PostgreSQL server (pid " + pid
                + ") that a process which died had left running on " + postgres.dataDir()));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "custody.embedded-postgres.running", "true")));
        // Stopped as the context's first-registered disposable bean, so after everything that uses it has stopped
        // (processors, pools, producers), not at the close event, before them. zonky's own shutdown hook and
        // LocalPostgres's watchdog stop it if the context is never closed.
        application.addInitializers(context -> ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedPostgresShutdown", postgres::close));
    }
}
