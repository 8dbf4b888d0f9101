package dev.custody.notifier.it;

import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.testing.Await;
import dev.custody.notifier.support.ServerRecords;
import dev.custody.notifier.support.Infra;
import dev.custody.notifier.support.Mailbox;
import dev.custody.notifier.support.TestNotifierApp;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;
import dev.custody.values.OwnerRole;
import dev.custody.values.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier is restarted and its consumer group sent back to the start of both topics, so every record is
 * delivered again: nobody gets a message twice. Then the broker itself goes down and comes back: records produced
 * after the outage are all delivered, once.
 */
class NotifierRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRestartAndAFullRedeliveryDuplicateNothingAndABrokerOutageLosesNothing() throws Exception {
        String address = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String ref = "r-" + UUID.randomUUID().toString().substring(0, 8);
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant t = TestNotifierApp.CLOCK.instant();

        try (ConfigurableApplicationContext first = TestNotifierApp.start()) {
            first.getBean(ContactVault.class).save(new Contact(new ContactReference(ref), new ForceCode("dyfed-powys"),
                    ContactChannel.EMAIL, address, Language.EN, true, null, null),
                    new Actor("pc-1", Set.of(Role.OFFICER), new ForceCode("dyfed-powys"), null));
            ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, t), device.replacementIssued(t));
            Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 2);
        }

        rewindConsumerGroup();

        try (ConfigurableApplicationContext second = TestNotifierApp.start()) {
            ProducerRecord<String, String> ready = device.readyForCollection(t);
            ServerRecords.produce(ready);
            Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() >= 3);

            Infra.stopKafka();
            Infra.startKafka();
            Instant later = TestNotifierApp.CLOCK.instant();
            ServerRecords.produce(device.returned(later));
            Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() >= 4);
            // Give a stray duplicate the chance to show up before counting.
            ServerRecords.produce(device.victimNotified(later));
            Await.until(WAIT, () -> TestNotifierApp.RECORDED.stream()
                    .filter(r -> r.deviceId().equals(device.device)).count(), n -> n >= 4);
        }
        assertThat(Mailbox.to(address)).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "An update about your device", "An update about your device", "Your device is ready to collect",
                "An update about your device");
        assertThat(TestNotifierApp.RECORDED.stream().filter(r -> r.deviceId().equals(device.device))
                .map(r -> r.reason()).toList()).containsExactlyInAnyOrder("seizure-receipt", "replacement-issued",
                "ready-for-collection", "device-returned");
    }

    /** As if every offset commit had been lost: the group starts again from the first record of both topics. */
    private static void rewindConsumerGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (String topic : List.of(Infra.EVENTS, Infra.ALERTS)) {
                for (int p = 0; p < 2; p++) {
                    start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
                }
            }
            Await.until(WAIT, () -> {
                try {
                    admin.alterConsumerGroupOffsets("custody-notifier", start).all().get();
                    return true;
                } catch (Exception groupStillActive) {
                    return false;
                }
            }, done -> done);
        }
    }
}
