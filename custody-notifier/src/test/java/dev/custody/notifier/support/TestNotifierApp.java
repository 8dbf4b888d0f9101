package dev.custody.notifier.support;

import dev.custody.commands.DeviceCommand.RecordVictimNotified;
import dev.custody.queries.ExpectedReturn;
import dev.custody.queries.ExpectedReturnQuery;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import dev.custody.testing.TickingClock;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The notifier on its own, as the server would run it: Spring Boot auto-configuration for the datasource, Flyway,
 * Kafka and mail, against the real servers of {@link Infra}. Axon's gateways are real in-memory buses with test
 * handlers: RecordVictimNotified is recorded, and the expected-return query answers for the devices a test names.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan({"dev.custody.notifier", "dev.custody.processing"})
public class TestNotifierApp {

    /** The notifier's clock in every test context: ticks with real time; tests move it and reset it before each test. */
    public static final TickingClock CLOCK = new TickingClock();

    /** Every RecordVictimNotified the notifier sent, across contexts. */
    public static final List<RecordVictimNotified> RECORDED = new CopyOnWriteArrayList<>();
    /** Expected returns the fake read side knows. */
    public static final Map<String, ExpectedReturn> ESTIMATES = new ConcurrentHashMap<>();

    public static final String NOTIFY_KEY = "custody_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

    @Bean
    Clock clock() {
        return CLOCK;
    }

    @Bean
    CommandGateway commandGateway() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordVictimNotified.class.getName(), message -> {
            RECORDED.add((RecordVictimNotified) message.getPayload());
            return 0L;
        });
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Bean
    QueryGateway queryGateway() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(ExpectedReturnQuery.class.getName(), ExpectedReturn.class,
                message -> ESTIMATES.get(((ExpectedReturnQuery) message.getPayload()).deviceId().toString()));
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }

    public static ConfigurableApplicationContext start(String... extra) {
        String[] base = {
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + Infra.postgres().jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.flyway.locations=classpath:db/migration/notifier,classpath:db/migration/processing",
                "--spring.kafka.bootstrap-servers=" + Infra.bootstrapServers(),
                "--spring.kafka.producer.acks=all",
                "--spring.kafka.consumer.properties.reconnect.backoff.max.ms=1000",
                "--spring.mail.host=localhost",
                "--spring.mail.port=" + Infra.mail().getSmtp().getPort(),
                "--custody.stream.partitions=2",
                "--custody.notifier.dispatch-interval=PT0.2S",
                "--custody.notifier.schedule-interval=PT1H",
                "--custody.notifier.retry-backoff=PT0.2S",
                "--custody.notifier.retry-backoff-max=PT0.5S",
                "--custody.notifier.max-attempts=3",
                "--custody.notifier.consumer-retries=2",
                "--custody.notifier.consumer-backoff=PT0.1S",
                "--custody.notifier.mail-from=notifications@dyfed-powys.test",
                "--custody.notifier.forces.dyfed-powys.name-en=Dyfed-Powys Police",
                "--custody.notifier.forces.dyfed-powys.name-cy=Heddlu Dyfed-Powys",
                "--custody.notifier.forces.dyfed-powys.contact-number=0300 123 4567",
                "--custody.notifier.forces.dyfed-powys.supervisor-email=supervisors@dyfed-powys.test",
                "--custody.notifier.forces.north-wales.name-en=North Wales Police",
                "--custody.notifier.forces.north-wales.name-cy=Heddlu Gogledd Cymru",
                "--custody.notifier.forces.north-wales.email-via=NOTIFY",
                "--custody.notifier.gov-uk-notify.api-key=" + NOTIFY_KEY,
                "--custody.notifier.gov-uk-notify.base-url=" + Infra.notifyApi().baseUrl(),
                "--custody.notifier.gov-uk-notify.email-template-id=8b3c6e1e-6f3f-4a4c-9f53-1d1c2a1f0e01",
                "--custody.notifier.gov-uk-notify.sms-template-id=5f6b9a7d-2c1e-4d3b-8a9f-0e1d2c3b4a02",
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new SpringApplicationBuilder(TestNotifierApp.class).run(args);
    }

    public static ExpectedReturn estimate(String deviceId, LocalDate likely) {
        ExpectedReturn estimate = new ExpectedReturn(dev.custody.values.DeviceId.of(deviceId), likely,
                likely.minusDays(2), likely.plusDays(7), "test");
        ESTIMATES.put(deviceId, estimate);
        return estimate;
    }
}
