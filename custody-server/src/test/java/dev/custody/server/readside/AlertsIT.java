package dev.custody.server.readside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.events.ContractSchemas;
import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.alert.AlertEngine;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.TestMail;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every deadline rule of the brief, end to end on the real database with a controlled clock: the alert is raised
 * at its due time and never before, exactly once however often the engine scans, and resolved by the step it
 * waited for, with how late that step was. Then backdating, extensions, acknowledgement and the Kafka topic.
 */
class AlertsIT extends CustodyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AlertEngine engine;
    @Autowired
    ProjectionProgress progress;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void return_within_24h_warns_at_20h_breaches_at_24h_and_a_late_return_resolves_both_late() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).timeSensitive(false).json());

        expectRaisedAtAndNotBefore(phone, "RETURN_24H", "WARNING", t0.plus(Duration.ofHours(20)));
        expectRaisedAtAndNotBefore(phone, "RETURN_24H", "BREACH", t0.plus(Duration.ofHours(24)));

        clock.set(t0.plus(Duration.ofHours(25)));
        phone.returned(now());
        JsonNode breach = awaitResolved(phone, "RETURN_24H", "BREACH");
        assertThat(breach.get("resolution").asText()).isEqualTo("LATE");
        assertThat(breach.get("lateBySeconds").asLong()).isEqualTo(3600);
        assertThat(breach.get("resolvedBy").asText()).isEqualTo("DeviceReturned");
        assertThat(awaitResolved(phone, "RETURN_24H", "WARNING").get("resolution").asText()).isEqualTo("LATE");
        assertThat(phone.status("officer").get("openDeadlines")).isEmpty();
    }

    @Test
    void a_time_sent_with_nanoseconds_is_kept_to_the_microsecond_so_its_alert_still_resolves() {
        Instant t0 = now().minus(Duration.ofHours(30)).plusNanos(123_456_789);
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).timeSensitive(false).json());
        assertThat(history(phone.id()).get(0).get("occurredAt").asText()).isEqualTo(
                t0.truncatedTo(ChronoUnit.MICROS).toString());
        phone.status("officer");
        scan();
        assertThat(Await.until(Duration.ofSeconds(20), () -> only(phone, "RETURN_24H", "BREACH"), a -> a != null)
                .get("state").asText()).isEqualTo("OPEN");
        phone.returned(now());
        assertThat(awaitResolved(phone, "RETURN_24H", "BREACH").get("resolution").asText()).isEqualTo("LATE");
    }

    @Test
    void replacement_within_24h_is_satisfied_by_issuing_one() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).owner("WITNESS").timeSensitive(false).json());
        expectRaisedAtAndNotBefore(phone, "REPLACEMENT_24H", "BREACH", t0.plus(Duration.ofHours(24)));
        clock.set(t0.plus(Duration.ofHours(26)));
        phone.replacementIssued(now());
        JsonNode alert = awaitResolved(phone, "REPLACEMENT_24H", "BREACH");
        assertThat(alert.get("resolution").asText()).isEqualTo("LATE");
        assertThat(alert.get("lateBySeconds").asLong()).isEqualTo(7200);
    }

    @Test
    void a_stuck_download_is_resolved_by_its_completion() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).owner("SUSPECT").timeSensitive(false).json())
                .labReceipt(t0).downloadStarted(t0.plusSeconds(60));
        expectRaisedAtAndNotBefore(phone, "DOWNLOAD_STUCK", "BREACH", t0.plusSeconds(60).plus(Duration.ofHours(24)));
        clock.set(t0.plus(Duration.ofHours(30)));
        phone.downloadCompleted(now());
        assertThat(awaitResolved(phone, "DOWNLOAD_STUCK", "BREACH").get("resolvedBy").asText())
                .isEqualTo("DownloadCompleted");
    }

    @Test
    void an_unverified_download_is_resolved_by_its_verification() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).owner("SUSPECT").timeSensitive(false).json())
                .labReceipt(t0).downloadStarted(t0).downloadCompleted(t0.plusSeconds(120));
        expectRaisedAtAndNotBefore(phone, "DOWNLOAD_UNVERIFIED", "BREACH", t0.plusSeconds(120).plus(Duration.ofHours(48)));
        clock.set(t0.plus(Duration.ofHours(49)));
        phone.downloadVerified(now());
        assertThat(awaitResolved(phone, "DOWNLOAD_UNVERIFIED", "BREACH").get("resolvedBy").asText())
                .isEqualTo("DownloadVerified");
    }

    @Test
    void a_stale_download_is_resolved_when_examination_starts() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).owner("SUSPECT").timeSensitive(false).json())
                .labReceipt(t0).downloadStarted(t0).downloadCompleted(t0).downloadVerified(t0);
        expectRaisedAtAndNotBefore(phone, "DOWNLOAD_STALE", "BREACH", t0.plus(Duration.ofDays(7)));
        clock.set(t0.plus(Duration.ofDays(8)));
        phone.examinationStarted(now());
        JsonNode alert = awaitResolved(phone, "DOWNLOAD_STALE", "BREACH");
        assertThat(alert.get("resolvedBy").asText()).isEqualTo("ExaminationStarted");
        assertThat(alert.get("lateBySeconds").asLong()).isEqualTo(Duration.ofDays(1).toSeconds());
    }

    @Test
    void time_sensitive_data_is_resolved_by_a_completed_download() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).owner("WITNESS").timeSensitive(true).json())
                .labReceipt(t0).downloadStarted(t0);
        expectRaisedAtAndNotBefore(phone, "TIME_SENSITIVE_DATA", "BREACH", t0.plus(Duration.ofHours(24)));
        clock.set(t0.plus(Duration.ofHours(24)).plusSeconds(1));
        phone.downloadCompleted(now());
        assertThat(awaitResolved(phone, "TIME_SENSITIVE_DATA", "BREACH").get("lateBySeconds").asLong()).isEqualTo(1);
    }

    @Test
    void a_victim_update_is_overdue_after_the_agreed_days_and_an_update_resolves_it_and_starts_the_next() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).care("STANDARD", 10).timeSensitive(false).json())
                .replacementIssued(t0);
        expectRaisedAtAndNotBefore(phone, "VICTIM_UPDATE_OVERDUE", "BREACH", t0.plus(Duration.ofDays(10)));
        clock.set(t0.plus(Duration.ofDays(11)));
        phone.victimNotified(now());
        assertThat(awaitResolved(phone, "VICTIM_UPDATE_OVERDUE", "BREACH").get("resolution").asText()).isEqualTo("LATE");
        JsonNode next = phone.status("officer").get("openDeadlines");
        assertThat(next).anySatisfy(d -> {
            assertThat(d.get("rule").asText()).isEqualTo("VICTIM_UPDATE_OVERDUE");
            assertThat(d.get("dueAt").asText()).isEqualTo(now().plus(Duration.ofDays(10)).toString());
        });
    }

    @Test
    void a_long_hold_is_raised_at_89_days_and_resolved_by_the_return() {
        Instant t0 = now();
        Device laptop = Device.seize(api, "officer", "lab",
                Seizure.at(t0).owner("SUSPECT").type("LAPTOP").timeSensitive(false).json());
        expectRaisedAtAndNotBefore(laptop, "LONG_HOLD", "BREACH", t0.plus(Duration.ofDays(89)));
        clock.set(t0.plus(Duration.ofDays(90)));
        laptop.returned(now());
        assertThat(awaitResolved(laptop, "LONG_HOLD", "BREACH").get("lateBySeconds").asLong())
                .isEqualTo(Duration.ofDays(1).toSeconds());
    }

    @Test
    void a_seizure_logged_30_hours_late_raises_the_24h_alert_at_once() {
        Instant seized = now().minus(Duration.ofHours(30));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(seized).timeSensitive(false).json());
        phone.status("officer");
        scan();
        JsonNode breach = Await.until(Duration.ofSeconds(10), () -> only(phone, "RETURN_24H", "BREACH"), a -> a != null);
        assertThat(breach.get("dueAt").asText()).isEqualTo(seized.plus(Duration.ofHours(24)).toString());
        assertThat(breach.get("raisedAt").asText()).isEqualTo(now().toString());
        assertThat(breach.get("ownerRole").asText()).isEqualTo("VICTIM");
        assertThat(breach.get("force").asText()).isEqualTo("dyfed-powys");
        JsonNode overdue = api.get("supervisor", "/api/v1/devices?overdue=true&size=500").json();
        assertThat(overdue.get("content")).extracting(d -> d.get("deviceId").asText()).contains(phone.id());
        assertThat(overdue.get("content")).allSatisfy(d ->
                assertThat(Instant.parse(d.get("nextDueAt").asText())).isBeforeOrEqualTo(now()));
    }

    @Test
    void a_seizure_logged_30_hours_late_raises_the_24h_breach_alone_and_the_supervisors_get_one_message_for_it() {
        Instant seized = now().minus(Duration.ofHours(30));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(seized).timeSensitive(false).json());
        phone.status("officer");
        scan();
        assertThat(Await.until(Duration.ofSeconds(10), () -> only(phone, "RETURN_24H", "BREACH"), a -> a != null)
                .get("raisedAt").asText()).isEqualTo(now().toString());
        assertThat(only(phone, "RETURN_24H", "WARNING")).as("a warning whose breach is already due").isNull();
        JsonNode all = api.get("inspector", "/api/v1/alerts?deviceId=" + phone.id() + "&size=50").json();
        assertThat(all.get("content")).extracting(a -> a.get("rule").asText() + " " + a.get("severity").asText())
                .containsExactlyInAnyOrder("RETURN_24H BREACH", "REPLACEMENT_24H BREACH");
        assertThat(phone.status("officer").get("openDeadlines")).extracting(d -> d.get("rule").asText() + " "
                + d.get("severity").asText()).contains("RETURN_24H BREACH").doesNotContain("RETURN_24H WARNING");

        List<String> first = List.of("Custody alert: RETURN_24H (deadline missed)",
                "Custody alert: REPLACEMENT_24H (deadline missed)");
        Await.until(Duration.ofSeconds(60), () -> supervisorSubjects(phone), s -> s.containsAll(first));
        // A later alert of the same device travels the same partition and send log after the first two, so once its
        // message is in, any message for a warning raised with them would be in too. (The clock moves only now: a
        // notifier reading the first alerts after a 14-day jump would skip them as stale.)
        clock.set(seized.plus(Duration.ofDays(14)));
        scan();
        List<String> expected = new ArrayList<>(first);
        expected.add("Custody alert: VICTIM_UPDATE_OVERDUE (deadline missed)");
        List<String> subjects = Await.until(Duration.ofSeconds(60), () -> supervisorSubjects(phone),
                s -> s.containsAll(expected));
        assertThat(subjects).as("one message per alert, none for the moot warning")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_broken_seal_or_another_seal_number_raises_an_integrity_alert_to_supervisors_shown_on_the_status() {
        Instant t0 = now().minus(Duration.ofHours(2));
        Device laptop = Device.seize(api, "officer", "lab",
                Seizure.at(t0).owner("SUSPECT").type("LAPTOP").timeSensitive(false).json());
        laptop.step("officer", "/transfers", """
                {"occurredAt":"%s","to":{"kind":"PROPERTY_STORE","name":"Carmarthen store"},
                 "sealCheck":{"sealNumber":"SEAL-001","intact":false}}""".formatted(t0.plusSeconds(600)));
        laptop.step("lab", "/lab-receipt", """
                {"occurredAt":"%s","sealCheck":{"sealNumber":"SEAL-777","intact":true}}""".formatted(t0.plusSeconds(1200)));
        JsonNode status = laptop.status("officer");
        assertThat(status.at("/sealIntegrity/intact").asBoolean()).isFalse();
        assertThat(status.at("/sealIntegrity/problems")).extracting(p -> p.get("step").asText() + " "
                        + p.get("sealNumber").asText() + " intact=" + p.get("intact").asBoolean())
                .containsExactly("CUSTODY_TRANSFER SEAL-001 intact=false", "LAB_RECEIPT SEAL-777 intact=true");
        assertThat(status.get("openDeadlines")).as("a finding is not a deadline")
                .noneMatch(d -> d.get("rule").asText().equals("SEAL_INTEGRITY"));

        scan();
        JsonNode raised = Await.until(Duration.ofSeconds(10), () -> api.get("supervisor", "/api/v1/alerts?deviceId="
                + laptop.id() + "&rule=SEAL_INTEGRITY").json(), page -> page.get("totalElements").asLong() >= 2);
        assertThat(raised.get("content")).extracting(a -> a.get("dueAt").asText()).containsExactlyInAnyOrder(
                t0.plusSeconds(600).toString(), t0.plusSeconds(1200).toString());
        assertThat(raised.get("content")).allSatisfy(a -> {
            assertThat(a.get("severity").asText()).isEqualTo("BREACH");
            assertThat(a.get("state").asText()).isEqualTo("OPEN");
        });
        assertThat(laptop.status("officer").get("openAlerts")).extracting(a -> a.get("rule").asText())
                .containsExactly("SEAL_INTEGRITY", "SEAL_INTEGRITY");
        JsonNode overdue = api.get("supervisor", "/api/v1/devices?overdue=true&size=500").json();
        assertThat(overdue.get("content")).extracting(d -> d.get("deviceId").asText()).doesNotContain(laptop.id());

        List<String> subjects = Await.until(Duration.ofSeconds(60), () -> supervisorSubjects(laptop),
                s -> s.size() >= 2);
        assertThat(subjects).containsExactly("Custody alert: SEAL_INTEGRITY (chain of custody at risk)",
                "Custody alert: SEAL_INTEGRITY (chain of custody at risk)");
        assertThat(TestMail.to("supervisors@dyfed-powys.test")).filteredOn(m -> m.body().contains(laptop.id()))
                .allSatisfy(m -> assertThat(m.body()).contains("a seal found broken, or not the one recorded at "
                        + "seizure"));

        laptop.returned(now());
        JsonNode resolved = Await.until(Duration.ofSeconds(20), () -> api.get("inspector", "/api/v1/alerts?deviceId="
                + laptop.id() + "&rule=SEAL_INTEGRITY&state=RESOLVED").json(), p -> p.get("totalElements").asLong() == 2);
        assertThat(resolved.get("content")).allSatisfy(a ->
                assertThat(a.get("resolution").asText()).isEqualTo("SUPERSEDED"));
    }

    @Test
    void an_authorised_extension_supersedes_the_breach_and_moves_the_deadline() {
        Instant t0 = now();
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(t0).timeSensitive(false).json());
        expectRaisedAtAndNotBefore(phone, "RETURN_24H", "BREACH", t0.plus(Duration.ofHours(24)));
        Instant until = t0.plus(Duration.ofDays(5));
        phone.retentionExtended("supervisor", now(), until);
        assertThat(awaitResolved(phone, "RETURN_24H", "BREACH").get("resolution").asText()).isEqualTo("SUPERSEDED");
        assertThat(phone.status("officer").get("openDeadlines")).anySatisfy(d -> {
            assertThat(d.get("rule").asText()).isEqualTo("RETURN_24H");
            assertThat(d.get("dueAt").asText()).isEqualTo(until.toString());
        });
    }

    @Test
    void a_supervisor_acknowledges_an_alert_once_and_the_log_shows_it() {
        Instant seized = now().minus(Duration.ofHours(30));
        Device phone = Device.seize(api, "officer", "lab", Seizure.at(seized).timeSensitive(false).json());
        phone.status("officer");
        scan();
        String alertId = Await.until(Duration.ofSeconds(10), () -> only(phone, "RETURN_24H", "BREACH"), a -> a != null)
                .get("alertId").asText();
        String path = "/api/v1/alerts/" + alertId + "/acknowledgement";
        String note = "{\"note\":\"Spoke to the lab; return booked for 10:00\"}";

        assertThat(api.post("officer", path, note).status()).isEqualTo(403);
        assertThat(api.post("met-supervisor", path, note).status()).as("another force's alert").isEqualTo(404);
        Api.Response ack = api.post("supervisor", path, note);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().at("/alert/state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.json().at("/alert/acknowledgedBy").asText()).isEqualTo("supervisor");
        assertThat(ack.json().get("log")).extracting(e -> e.get("change").asText()).containsExactly("RAISED", "ACKNOWLEDGED");
        Api.Response again = api.post("supervisor", path, note);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("rule").asText()).isEqualTo("alert-not-open");
        assertThat(api.post("supervisor", path, "{\"note\":\" \"}").status()).isEqualTo(400);

        phone.returned(now());
        JsonNode resolved = awaitResolved(phone, "RETURN_24H", "BREACH");
        assertThat(resolved.get("acknowledgeNote").asText()).isEqualTo("Spoke to the lab; return booked for 10:00");
        JsonNode log = api.get("inspector", "/api/v1/alerts/" + alertId).json().get("log");
        assertThat(log).extracting(e -> e.get("change").asText()).containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");
    }

    @Test
    void raised_and_resolved_alerts_are_published_to_the_alert_topic() throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "alerts-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("custody.alerts.v1"));
            Device phone = Device.seize(api, "officer", "lab",
                    Seizure.at(now().minus(Duration.ofHours(30))).owner("WITNESS").timeSensitive(false).json());
            phone.status("officer");
            scan();
            phone.returned(now());
            awaitResolved(phone, "RETURN_24H", "BREACH");

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            List<JsonNode> mine = Await.until(Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().filter(r -> phone.id().equals(r.key())).map(r -> read(r.value()))
                        .filter(e -> "RETURN_24H".equals(e.at("/data/rule").asText())
                                && "BREACH".equals(e.at("/data/severity").asText())).toList();
            }, events -> events.size() >= 2);
            assertThat(mine).extracting(e -> e.get("type").asText())
                    .containsExactly("dev.custody.AlertRaised", "dev.custody.AlertResolved");
            assertThat(mine.get(1).at("/data/resolution").asText()).isEqualTo("LATE");
            assertThat(mine.get(0).get("force").asText()).isEqualTo("dyfed-powys");
            assertThat(mine.get(0).get("id").asText()).startsWith("alert-log-");
            for (ConsumerRecord<String, String> record : received) {
                assertThat(ContractSchemas.errors(ContractSchemas.ALERTS_TOPIC, record.value()))
                        .as("the contract's schema: " + record.value()).isEmpty();
            }
        }
    }

    // ---- helpers ----

    /** The alert appears when the clock reaches {@code due}, not a second before, and only once. */
    private void expectRaisedAtAndNotBefore(Device device, String rule, String severity, Instant fireAt) {
        device.status("officer");
        clock.set(fireAt.minusSeconds(1));
        scan();
        assertThat(only(device, rule, severity)).as(rule + " " + severity + " one second early").isNull();
        clock.set(fireAt);
        scan();
        scan();
        scan();
        JsonNode alert = only(device, rule, severity);
        assertThat(alert).as(rule + " " + severity + " at its time").isNotNull();
        assertThat(alert.get("raisedAt").asText()).isEqualTo(fireAt.toString());
        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
    }

    private JsonNode awaitResolved(Device device, String rule, String severity) {
        return Await.until(Duration.ofSeconds(20), () -> only(device, rule, severity),
                a -> a != null && "RESOLVED".equals(a.get("state").asText()));
    }

    /** The one alert of this rule and severity for the device, null if none; fails if there are more. */
    private JsonNode only(Device device, String rule, String severity) {
        JsonNode page = api.get("inspector", "/api/v1/alerts?deviceId=" + device.id() + "&rule=" + rule
                + "&severity=" + severity + "&size=10").json();
        assertThat(page.get("totalElements").asLong()).as("alerts for " + rule + " " + severity).isLessThanOrEqualTo(1);
        return page.get("content").isEmpty() ? null : page.get("content").get(0);
    }

    /** The subjects of the supervisors' messages about this device, in the order they arrived. */
    private static List<String> supervisorSubjects(Device device) {
        return TestMail.to("supervisors@dyfed-powys.test").stream().filter(m -> m.body().contains(device.id()))
                .map(TestMail.Mail::subject).toList();
    }

    /** One scan, after the projection has caught up with everything stored so far (else the wait fails). */
    private void scan() {
        long head = progress.progress().head();
        Await.until(Duration.ofSeconds(20), progress::progress, p -> p.caughtUpWith(head));
        engine.scan();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
