package dev.custody.dev;

import dev.custody.server.CustodyApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dev run: {@code java -jar custody-dev/target/custody-dev.jar}. The production server, plus (from
 * custody-embedded, on this jar's classpath) an embedded PostgreSQL and Kafka broker, with dev defaults that any
 * command-line argument overrides: the dev users on, data kept in {@code .custody/postgres}, and the embedded
 * broker's and clients' logs at WARN so the banner with the URL and the users is among the last lines.
 * <p>
 * Ctrl-C and SIGTERM close the application first and then exit. The JVM's shutdown hooks would otherwise run all at
 * once, and zonky's own hook would stop PostgreSQL under the application while it is still stopping, with a screen
 * of connection errors.
 */
public final class DevLauncher {

    static final Map<String, String> DEV_DEFAULTS = Map.of(
            "custody.security.dev-users", "true",
            "custody.embedded-postgres.data-dir", ".custody/postgres",
            "logging.level.kafka", "WARN",
            "logging.level.org.apache.kafka", "WARN",
            "logging.level.state.change.logger", "WARN",
            "logging.level.io.zonky.test.db.postgres", "WARN");

    private DevLauncher() {
    }

    public static void main(String[] args) {
        CustodyApplication.disableAxonUpdateChecker();
        // As system properties: they rank above the server's application.yml (which turns the dev users off) and
        // below command-line arguments, so any argument still overrides them.
        DEV_DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        AtomicReference<ConfigurableApplicationContext> running = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[]{"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop(running.get(), signal, stopping));
        }
        running.set(SpringApplication.run(CustodyApplication.class, args));
    }

    /**
     * Closes the context on a thread of its own (a signal handler must return), then exits; a signal during start-up,
     * before there is a context, exits at once, and so does a second signal.
     */
    private static void stop(ConfigurableApplicationContext context, Signal signal, AtomicBoolean stopping) {
        int status = 128 + signal.getNumber();
        if (!stopping.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(status);
        }
        Thread stopper = new Thread(() -> {
            try {
                if (context != null) {
                    context.close();
                }
            } finally {
                System.exit(status);
            }
        }, "custody-dev-stop");
        stopper.start();
    }
}
