package dev.custody.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.custody.embedded.kafka.LocalKafka;
import dev.custody.embedded.postgres.LocalPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The real servers the module's integration tests run against, started once per JVM: PostgreSQL (zonky), a KRaft
 * Kafka broker on a fixed port (so it can be stopped and started again), GreenMail for SMTP, and a fake GOV.UK Notify.
 */
public final class Infra {

    public static final String EVENTS = "custody.events.v1";
    public static final String ALERTS = "custody.alerts.v1";
    public static final String DLT = "custody.notifier.dlt";

    private static LocalPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static int kafkaPort;
    private static GreenMail mail;
    private static FakeNotify notify;

    private Infra() {
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.builder().durable(false).start();
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaKraftBroker kafka() {
        if (kafka == null) {
            kafkaPort = freePort();
            kafka = LocalKafka.create(2, EVENTS, ALERTS);
            kafka.brokerProperty("listeners", "EXTERNAL://localhost:" + kafkaPort + ",CONTROLLER://localhost:" + freePort());
            LocalKafka.start(kafka);
        }
        return kafka;
    }

    public static String bootstrapServers() {
        kafka();
        return "localhost:" + kafkaPort;
    }

    public static void stopKafka() {
        kafka().getCluster().brokers().get(0).shutdown();
        kafka().getCluster().brokers().get(0).awaitShutdown();
    }

    public static void startKafka() {
        kafka().getCluster().brokers().get(0).startup();
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mail.start();
        }
        return mail;
    }

    public static synchronized FakeNotify notifyApi() {
        if (notify == null) {
            try {
                notify = new FakeNotify();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return notify;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
