package dev.custody.notifier.it;

import dev.custody.commands.DeviceCommand.RecordVictimNotified;
import dev.custody.notifier.app.NotifierLoops;
import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.notifier.contact.SafeHours;
import dev.custody.notifier.deadletter.DeadLetters;
import dev.custody.notifier.sendlog.OutgoingMessage;
import dev.custody.notifier.sendlog.SendLog;
import dev.custody.notifier.sendlog.SendStatus;
import dev.custody.testing.Await;
import dev.custody.notifier.support.ServerRecords;
import dev.custody.notifier.support.FakeNotify;
import dev.custody.notifier.support.Infra;
import dev.custody.notifier.support.Mailbox;
import dev.custody.notifier.support.Mailbox.Mail;
import dev.custody.notifier.support.TestNotifierApp;
import dev.custody.processing.Quarantine;
import dev.custody.processing.QuarantineRetrier;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ContactReference;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.Role;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier on real servers: events and alerts on the embedded broker, the vault and send log in PostgreSQL, email
 * in GreenMail, GOV.UK Notify faked over HTTP. One context for all of these tests; each uses its own devices,
 * references and addresses.
 */
class NotifierIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext app;
    private static ContactVault vault;
    private static SendLog sendLog;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        app = TestNotifierApp.start();
        vault = app.getBean(ContactVault.class);
        sendLog = app.getBean(SendLog.class);
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void resetClock() {
        TestNotifierApp.CLOCK.reset();
    }

    @Test
    void aWelshVictimHearsOfEachStepInWelshAndEachMessageIsRecorded() {
        String address = unique("victim") + "@example.org";
        String ref = register(address, Language.CY, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        TestNotifierApp.estimate(device.id(), LocalDate.of(2026, 12, 3));
        Instant t = TestNotifierApp.CLOCK.instant();
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 14, t), device.replacementIssued(t),
                device.readyForCollection(t), device.returned(t));

        List<Mail> mails = Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() >= 4);
        assertThat(mails).extracting(Mail::subject).containsExactlyInAnyOrder("Diweddariad am eich dyfais",
                "Diweddariad am eich dyfais", "Mae eich dyfais yn barod i'w chasglu", "Diweddariad am eich dyfais");
        String reference = device.id().substring(0, 8).toUpperCase();
        assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains("cyfeirnod " + reference, "Heddlu Dyfed-Powys",
                "0300 123 4567").doesNotContain("Dyfed-Powys Police"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("tua 3 Rhagfyr 2026"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("ffôn dros dro i chi ei ddefnyddio"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("wedi'i dychwelyd"));

        List<RecordVictimNotified> recorded = Await.until(WAIT, () -> recordedFor(device), r -> r.size() >= 4);
        assertThat(recorded).extracting(RecordVictimNotified::reason).containsExactlyInAnyOrder("seizure-receipt",
                "replacement-issued", "ready-for-collection", "device-returned");
        assertThat(recorded).allSatisfy(r -> {
            assertThat(r.actor()).isEqualTo(new Actor("custody-notifier", Set.of(Role.NOTIFIER),
                    new ForceCode("dyfed-powys"), null));
            assertThat(r.channel()).isEqualTo(NotificationChannel.EMAIL);
            assertThat(r.language()).isEqualTo(Language.CY);
        });
        assertThat(recorded).extracting(RecordVictimNotified::messageReference)
                .containsExactlyInAnyOrderElementsOf(mails.stream().map(Mail::reference).toList());
        Await.until(WAIT, () -> sendLog.forDevice(device.device), rows -> rows.stream()
                .allMatch(row -> "RECORDED".equals(row.recordState())));
    }

    @Test
    void anUnknownLanguageGetsWelshFirstThenEnglishAndNoEstimateWhenTheReadSideHasNone() {
        String address = unique("bilingual") + "@example.org";
        String ref = register(address, null, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, TestNotifierApp.CLOCK.instant()));
        Mail mail = Await.until(WAIT, () -> Mailbox.to(address), m -> !m.isEmpty()).get(0);
        assertThat(mail.subject()).isEqualTo("Diweddariad am eich dyfais / An update about your device");
        assertThat(mail.body().indexOf("Dyma ddiweddariad")).isLessThan(mail.body().indexOf("This is an update"));
        assertThat(mail.body()).doesNotContain("expect to return it").doesNotContain("disgwyl ei dychwelyd");
        assertThat(Await.until(WAIT, () -> recordedFor(device), r -> !r.isEmpty()).get(0).language()).isNull();
    }

    @Test
    void aRedeliveredRecordSendsNothingTwice() {
        String address = unique("redelivery") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        ProducerRecord<String, String> seized = device.seized(ref, OwnerRole.VICTIM, 28,
                TestNotifierApp.CLOCK.instant());
        ProducerRecord<String, String> ready = device.readyForCollection(TestNotifierApp.CLOCK.instant());
        ServerRecords.produce(seized, ready);
        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() >= 2);

        ServerRecords.produce(seized, ready, seized);
        ProducerRecord<String, String> marker = device.returned(TestNotifierApp.CLOCK.instant());
        ServerRecords.produce(marker);
        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() >= 3);
        Await.until(WAIT, () -> recordedFor(device), r -> r.size() >= 3);
        assertThat(Mailbox.to(address)).extracting(Mail::subject).containsExactlyInAnyOrder(
                "An update about your device", "Your device is ready to collect", "An update about your device");
        assertThat(recordedFor(device)).hasSize(3);
    }

    @Test
    void doNotContactIsAbsoluteAndRecorded() {
        String address = unique("dnc") + "@example.org";
        String ref = unique("dnc");
        vault.save(new Contact(new ContactReference(ref), new ForceCode("dyfed-powys"), ContactChannel.EMAIL, address,
                Language.EN, false, null, null), officer());
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant t = TestNotifierApp.CLOCK.instant();
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, t), device.readyForCollection(t),
                device.alert(AlertRule.RETURN_24H, AlertSeverity.BREACH, OwnerRole.VICTIM, t));

        List<OutgoingMessage> rows = Await.until(WAIT, () -> sendLog.forRecipient(Contact.recipientKey(
                new ContactReference(ref))), r -> r.size() == 3 && r.stream().allMatch(m -> m.status() != SendStatus.PENDING));
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(SendStatus.SKIPPED);
            assertThat(m.outcomeReason()).isEqualTo("do-not-contact");
        });
        assertThat(Mailbox.to(address)).isEmpty();
        assertThat(recordedFor(device)).isEmpty();
    }

    @Test
    void aMessageDueOutsideSafeHoursIsHeldUntilTheyOpen() {
        String address = unique("safe") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL,
                new SafeHours(LocalTime.of(9, 0), LocalTime.of(20, 0), SafeHours.LONDON));
        Instant lateEvening = Instant.parse("2026-12-01T22:30:00Z");
        TestNotifierApp.CLOCK.set(lateEvening);
        ServerRecords device = new ServerRecords("dyfed-powys");
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, lateEvening));

        OutgoingMessage held = Await.until(WAIT, () -> sendLog.forDevice(device.device),
                rows -> !rows.isEmpty() && rows.get(0).heldSince() != null).get(0);
        assertThat(held.status()).isEqualTo(SendStatus.PENDING);
        assertThat(held.nextAttemptAt()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        TestNotifierApp.CLOCK.advance(Duration.ofHours(2));
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        assertThat(meters.get("custody.notifier.held.oldest.age").gauge().value()).isGreaterThanOrEqualTo(7200);
        assertThat(Mailbox.to(address)).isEmpty();

        TestNotifierApp.CLOCK.set(Instant.parse("2026-12-02T09:00:05Z"));
        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 1);
        Await.until(WAIT, () -> sendLog.forDevice(device.device).get(0).status(), SendStatus.SENT::equals);
    }

    @Test
    void erasureOnRequestRemovesTheDetailsAndDropsWhatWasWaiting() {
        String address = unique("erase") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL,
                new SafeHours(LocalTime.of(9, 0), LocalTime.of(9, 1), SafeHours.LONDON));
        TestNotifierApp.CLOCK.set(Instant.parse("2026-12-01T12:00:00Z"));
        ServerRecords device = new ServerRecords("dyfed-powys");
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, TestNotifierApp.CLOCK.instant()));
        Await.until(WAIT, () -> sendLog.forDevice(device.device), r -> !r.isEmpty() && r.get(0).heldSince() != null);

        assertThat(vault.erase(new ContactReference(ref), officer())).isTrue();

        assertThat(jdbc.queryForObject("select count(*) from notifier_contact where contact_reference = ?",
                Integer.class, ref)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notifier_contact where address = ?", Integer.class,
                address)).isZero();
        assertThat(vault.find(new ContactReference(ref))).isEmpty();
        assertThat(sendLog.forDevice(device.device)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(SendStatus.SKIPPED);
            assertThat(m.outcomeReason()).isEqualTo("contact-erased");
        });
        assertThat(vault.audit(new ContactReference(ref))).extracting(ContactVault.AuditEntry::action)
                .containsSubsequence("CREATED", "ERASED_ON_REQUEST");
        String everything = jdbc.queryForList("select * from notifier_contact_audit where contact_reference = ?", ref)
                .toString() + jdbc.queryForList("select * from notifier_send_log where recipient = ?",
                Contact.recipientKey(new ContactReference(ref))).toString();
        assertThat(everything).doesNotContain(address);
    }

    @Test
    void detailsAreErasedAutomaticallyThirtyDaysAfterTheReturn() {
        String address = unique("auto-erase") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant returnedAt = TestNotifierApp.CLOCK.instant();
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, returnedAt.minusSeconds(3600)),
                device.returned(returnedAt));
        // Registered but not yet linked, the details were due for erasure 30 days after registration; the seizure
        // cancels that, and the return plans it 30 days after the return.
        Await.until(WAIT, () -> vault.find(new ContactReference(ref)).orElseThrow().eraseAfter(),
                eraseAfter -> returnedAt.plus(Duration.ofDays(30)).equals(eraseAfter));

        NotifierLoops loops = app.getBean(NotifierLoops.class);
        TestNotifierApp.CLOCK.advance(Duration.ofDays(29));
        loops.runSchedule();
        assertThat(vault.find(new ContactReference(ref))).isPresent();
        TestNotifierApp.CLOCK.advance(Duration.ofDays(2));
        loops.runSchedule();
        assertThat(jdbc.queryForObject("select count(*) from notifier_contact where contact_reference = ?",
                Integer.class, ref)).isZero();
        assertThat(vault.audit(new ContactReference(ref))).extracting(ContactVault.AuditEntry::action)
                .contains("ERASURE_SCHEDULED", "ERASED_AFTER_RETURN");
    }

    @Test
    void aRegularUpdateGoesAtTheAgreedFrequencyCountedFromTheLastUpdate() {
        String address = unique("regular") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant seizedAt = TestNotifierApp.CLOCK.instant().minus(Duration.ofDays(2));
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 14, seizedAt));
        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 1);
        // The receipt's VictimNotified comes back on the topic as the loop closes; an officer's call counts too.
        Instant officerCall = TestNotifierApp.CLOCK.instant();
        ServerRecords.produce(device.victimNotified(officerCall));
        Await.until(WAIT, () -> jdbc.queryForObject("select next_update_due from notifier_device where device_id = ?",
                java.sql.Timestamp.class, device.device.value()).toInstant(),
                due -> due.equals(officerCall.plus(Duration.ofDays(14))));

        NotifierLoops loops = app.getBean(NotifierLoops.class);
        TestNotifierApp.CLOCK.advance(Duration.ofDays(13));
        loops.runSchedule();
        TestNotifierApp.CLOCK.advance(Duration.ofDays(2));
        loops.runSchedule();
        loops.runSchedule();
        List<Mail> mails = Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 2);
        assertThat(mails.get(1).body()).contains("This is your regular update", "within 14 days");
        assertThat(Await.until(WAIT, () -> recordedFor(device), r -> r.size() == 2))
                .extracting(RecordVictimNotified::reason).contains("regular-update");
    }

    @Test
    void supervisorsGetEveryRaisedAlertAndAVictimAnApologyWhenTheReturnIsLate() {
        String address = unique("late") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant t = TestNotifierApp.CLOCK.instant();
        ProducerRecord<String, String> breach = device.alert(AlertRule.RETURN_24H, AlertSeverity.BREACH,
                OwnerRole.VICTIM, t);
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, t.minus(Duration.ofHours(25))), breach);

        Mail apology = Await.until(WAIT, () -> Mailbox.to(address), m -> m.stream()
                .anyMatch(x -> x.subject().startsWith("We are sorry"))).stream()
                .filter(x -> x.subject().startsWith("We are sorry")).findFirst().orElseThrow();
        assertThat(apology.body()).contains("within 24 hours", "lend you a replacement");
        Mail supervisor = Await.until(WAIT, () -> Mailbox.to("supervisors@dyfed-powys.test").stream()
                .filter(m -> m.body().contains(device.id())).toList(), m -> !m.isEmpty()).get(0);
        assertThat(supervisor.subject()).isEqualTo("Custody alert: RETURN_24H (deadline missed)");
        assertThat(supervisor.body()).contains("not returned within 24 hours", "Owner: victim").doesNotContain(address);
    }

    @Test
    void aForceOnGovUkNotifySendsEmailAndTextMessagesThroughIt() {
        FakeNotify notify = Infra.notifyApi();
        String phone = "07700 900" + (100 + (int) (Math.random() * 800));
        String ref = unique("sms");
        vault.save(new Contact(new ContactReference(ref), new ForceCode("north-wales"), ContactChannel.SMS,
                phone.replace(" ", ""), Language.CY, true, null, null), officer("north-wales"));
        String isva = unique("isva") + "@isva.example.org";
        String isvaRef = register(isva, Language.EN, ContactChannel.VIA_ISVA, null, "north-wales");
        ServerRecords sms = new ServerRecords("north-wales");
        ServerRecords viaIsva = new ServerRecords("north-wales");
        Instant t = TestNotifierApp.CLOCK.instant();
        ServerRecords.produce(sms.seized(ref, OwnerRole.VICTIM, 28, t), sms.readyForCollection(t),
                viaIsva.seized(isvaRef, OwnerRole.VICTIM, 28, t));

        List<FakeNotify.Received> texts = Await.until(WAIT, () -> notify.received().stream()
                .filter(r -> r.kind().equals("sms") && r.to().equals(phone.replace(" ", ""))).toList(), r -> r.size() == 2);
        assertThat(texts).allSatisfy(r -> {
            assertThat(r.authorization()).startsWith("Bearer ey");
            assertThat(r.body().path("template_id").asText()).isEqualTo("5f6b9a7d-2c1e-4d3b-8a9f-0e1d2c3b4a02");
            assertThat(r.text()).contains("Heddlu Gogledd Cymru", "101");
        });
        assertThat(texts).anySatisfy(r -> assertThat(r.text()).contains("yn barod i chi ei chasglu"));
        FakeNotify.Received email = Await.until(WAIT, () -> notify.received().stream()
                .filter(r -> r.kind().equals("email") && r.to().equals(isva)).toList(), r -> r.size() == 1).get(0);
        assertThat(email.body().path("personalisation").path("subject").asText()).isEqualTo("An update about your device");
        assertThat(email.body().path("reference").asText()).isEqualTo(
                sendLog.forDevice(viaIsva.device).get(0).id().toString());
        assertThat(Await.until(WAIT, () -> recordedFor(viaIsva), r -> !r.isEmpty()).get(0).channel())
                .isEqualTo(NotificationChannel.VIA_ISVA);
        assertThat(Await.until(WAIT, () -> recordedFor(sms), r -> r.size() == 2)).allSatisfy(r ->
                assertThat(r.channel()).isEqualTo(NotificationChannel.SMS));
    }

    @Test
    void failedSendsAreRetriedAndThenDeadLetteredWithoutHoldingUpOthers() {
        FakeNotify notify = Infra.notifyApi();
        String failing = unique("failing") + "@example.org";
        String failingRef = register(failing, Language.EN, ContactChannel.EMAIL, null, "north-wales");
        ServerRecords device = new ServerRecords("north-wales");
        notify.failNext(1000, 500);
        try {
            ProducerRecord<String, String> seized = device.seized(failingRef, OwnerRole.VICTIM, 28,
                    TestNotifierApp.CLOCK.instant());
            ServerRecords.produce(seized);
            OutgoingMessage dead = Await.until(WAIT, () -> sendLog.forDevice(device.device),
                    r -> !r.isEmpty() && r.get(0).status() == SendStatus.DEAD).get(0);
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.outcomeReason()).contains("notify status 500").doesNotContain(failing);
            ConsumerRecord<String, String> parked = awaitDeadLetter(device.id());
            assertThat(parked.value()).isEqualTo(seized.value());
            assertThat(header(parked, DeadLetters.ATTEMPTS)).isEqualTo("3");
            assertThat(header(parked, DeadLetters.TOPIC)).isEqualTo(Infra.EVENTS);
            assertThat(header(parked, DeadLetters.REASON)).contains("seizure-receipt", "500");
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("custody.notifier.messages.dead.lettered").tag("channel", "notify-email")
                    .tag("template", "seizure-receipt").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("custody.notifier.messages.retried").tag("channel", "notify-email")
                    .tag("template", "seizure-receipt").counter().count()).isGreaterThanOrEqualTo(2);
        } finally {
            notify.failNext(0, 500);
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRecordsBehindItCarryOn() {
        String address = unique("after-poison") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        ProducerRecord<String, String> poison = new ProducerRecord<>(Infra.EVENTS, device.id(),
                "{\"specversion\":\"1.0\",\"id\":\"poison-" + UUID.randomUUID()
                + "\",\"type\":\"dev.custody.DeviceReturned\",\"time\":\"not a time\"}");
        ServerRecords.produce(poison, device.seized(ref, OwnerRole.VICTIM, 28, TestNotifierApp.CLOCK.instant()));

        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 1);
        ConsumerRecord<String, String> parked = awaitDeadLetter(device.id());
        assertThat(parked.value()).isEqualTo(poison.value());
        assertThat(header(parked, DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(header(parked, DeadLetters.REASON)).startsWith("unreadable");
        assertThat(jdbc.queryForObject("select count(*) from notifier_dead_letter where source_key = ?",
                Integer.class, device.id())).isEqualTo(1);
    }

    @Test
    void aQuarantinedRecordIsRecordedWithItsValueAndARetryOfTheRepairedValueHandlesIt() {
        String address = unique("quarantined") + "@example.org";
        String ref = register(address, Language.EN, ContactChannel.EMAIL, null);
        ServerRecords device = new ServerRecords("dyfed-powys");
        Instant t = TestNotifierApp.CLOCK.instant();
        ProducerRecord<String, String> poison = new ProducerRecord<>(Infra.EVENTS, device.id(),
                "{\"specversion\":\"1.0\",\"id\":\"poison-" + UUID.randomUUID()
                        + "\",\"type\":\"dev.custody.DeviceReturned\",\"time\":\"not a time\"}");
        ServerRecords.produce(device.seized(ref, OwnerRole.VICTIM, 28, t), poison);
        Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 1);

        Map<String, Object> row = Await.until(WAIT, () -> jdbc.queryForList("select * from quarantined_event "
                + "where processor = 'custody-notifier' and device_id = ?", device.id()), r -> r.size() == 1).get(0);
        assertThat(row.get("state")).isEqualTo("QUARANTINED");
        assertThat(row.get("source_topic")).isEqualTo(Infra.EVENTS);
        assertThat(row.get("payload")).isEqualTo(poison.value());
        assertThat(row.get("error_message").toString()).isNotBlank();
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        assertThat(meters.get(Quarantine.METRIC).tag("processor", "custody-notifier").counter().count())
                .isGreaterThanOrEqualTo(1);

        Quarantine quarantine = app.getBean(Quarantine.class);
        QuarantineRetrier retrier = app.getBean(QuarantineRetrier.class);
        UUID id = (UUID) row.get("quarantine_id");
        assertThat(retrier.retry(quarantine.find(id).orElseThrow(), "admin").result()).isEqualTo("STILL_FAILING");

        // The operator repairs the stored record (the broker's copy is never read again) and retries it.
        jdbc.update("update quarantined_event set payload = ? where quarantine_id = ?",
                device.returned(t.plusSeconds(3600)).value(), id);
        assertThat(retrier.retry(quarantine.find(id).orElseThrow(), "admin").result()).isEqualTo("APPLIED");
        assertThat(Await.until(WAIT, () -> Mailbox.to(address), m -> m.size() == 2))
                .anySatisfy(m -> assertThat(m.body()).contains("has been returned"));
        assertThat(quarantine.find(id).orElseThrow().state()).isEqualTo(Quarantine.RESOLVED);
    }

    @Test
    void consumerLagIsMeasured() {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        KafkaListenerEndpointRegistry listeners = app.getBean(KafkaListenerEndpointRegistry.class);
        // A backlog built up while the notifier is paused: more seizures than one poll takes (max.poll.records, 500),
        // because the consumer measures a partition's lag after taking its records from the fetch.
        Instant t = TestNotifierApp.CLOCK.instant();
        @SuppressWarnings("unchecked")
        ProducerRecord<String, String>[] backlog = new ProducerRecord[1000];
        for (int i = 0; i < backlog.length; i++) {
            backlog[i] = new ServerRecords("dyfed-powys").seized(null, OwnerRole.SUSPECT, 0, t);
        }
        listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        try {
            Await.until(WAIT, () -> listeners.getListenerContainers().stream()
                    .allMatch(MessageListenerContainer::isContainerPaused), paused -> paused);
            ServerRecords.produce(backlog);
        } finally {
            listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
        }
        // Once it consumes again, the consumer's lag metric shows the backlog it found...
        double seen = Await.until(WAIT, () -> lagMetric(listeners, "records-lag-max"), lag -> lag > 0);
        System.out.printf("[consumer lag] largest lag seen: %.0f records%n", seen);
        // ...it is exported for Prometheus, and each partition's lag drops back to nothing once it has caught up.
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters()).isNotEmpty();
        Await.until(WAIT, () -> lagMetric(listeners, "records-lag"), lag -> lag == 0);
    }

    /** The largest value of a fetch-manager metric of the notifier's live consumers (NaN ones skipped), -1 if none. */
    private static double lagMetric(KafkaListenerEndpointRegistry listeners, String name) {
        return listeners.getListenerContainers().stream().flatMap(c -> c.metrics().values().stream())
                .flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("consumer-fetch-manager-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .filter(v -> !Double.isNaN(v)).max().orElse(-1);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Infra.DLT));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            return Await.until(WAIT, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
            }, r -> r != null);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<RecordVictimNotified> recordedFor(ServerRecords device) {
        return TestNotifierApp.RECORDED.stream().filter(r -> r.deviceId().equals(device.device)).toList();
    }

    static String register(String address, Language language, ContactChannel channel, SafeHours safeHours) {
        return register(address, language, channel, safeHours, "dyfed-powys");
    }

    static String register(String address, Language language, ContactChannel channel, SafeHours safeHours,
                           String force) {
        String ref = unique("c");
        vault.save(new Contact(new ContactReference(ref), new ForceCode(force), channel, address, language, true,
                safeHours, null), officer(force));
        return ref;
    }

    static Actor officer() {
        return officer("dyfed-powys");
    }

    static Actor officer(String force) {
        return new Actor("pc-1234", Set.of(Role.OFFICER), new ForceCode(force), null);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
