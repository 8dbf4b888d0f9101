package dev.custody.server.support;

import dev.custody.embedded.postgres.LocalPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.List;

/**
 * Arguments for a server a test starts itself (in its JVM or as a process) on the test's own PostgreSQL and broker,
 * with the dev users, the JVM's one mail server (GreenMail) and a quick notifier.
 */
public final class ServerArguments {

    private ServerArguments() {
    }

    /** @param supervisorEmail dyfed-powys's supervisor address: the test's own, so it reads only its own mail */
    public static List<String> on(LocalPostgres postgres, EmbeddedKafkaKraftBroker kafka, String supervisorEmail) {
        return List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--custody.security.dev-users=true",
                "--spring.mail.host=localhost",
                "--spring.mail.port=" + TestMail.smtpPort(),
                "--custody.notifier.dispatch-interval=PT0.2S",
                "--custody.notifier.retry-backoff=PT1S",
                "--custody.notifier.forces.dyfed-powys.name-en=Dyfed-Powys Police",
                "--custody.notifier.forces.dyfed-powys.contact-number=0300 123 4567",
                "--custody.notifier.forces.dyfed-powys.supervisor-email=" + supervisorEmail);
    }
}
