package dev.custody.server;

import dev.custody.server.security.DevUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where it is and, in dev mode, how to log in. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : env.getProperty("server.port", Integer.class, 8080);
        String url = "http://localhost:" + port;
        StringBuilder banner = new StringBuilder("\n\n  Custody is running at ").append(url)
                .append("\n  API docs (Swagger UI): ").append(url).append("/swagger-ui.html")
                .append("\n  OpenAPI: ").append(url).append("/v3/api-docs")
                .append("\n  Database: ").append(Boolean.parseBoolean(env.getProperty("custody.embedded-postgres.running"))
                        ? "embedded PostgreSQL " + env.getProperty("spring.datasource.url")
                        : env.getProperty("spring.datasource.url"))
                .append("\n  Kafka: ").append(Boolean.parseBoolean(env.getProperty("custody.embedded-kafka.running"))
                        ? "embedded KRaft broker " : "").append(env.getProperty("spring.kafka.bootstrap-servers"));
        if (env.getProperty("custody.security.dev-users", Boolean.class, false)) {
            banner.append("\n  Dev users (HTTP Basic, password '").append(DevUsers.PASSWORD).append("'):");
            for (DevUsers.DevUser u : DevUsers.ALL) {
                banner.append(String.format("%n    %-12s %-10s force=%-12s lab=%s", u.username(), u.role(),
                        u.force() == null ? "(all)" : u.force(), u.lab() == null ? "-" : u.lab()));
            }
        }
        log.info(banner.append('\n').toString());
    }
}
