package dev.custody.server.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through HTTP: an officer registers a Welsh speaker's contact details, seizes her phone, lends her a
 * replacement, marks the phone ready and returns it. She gets each message in Welsh by email, and each delivery is in
 * the device's audited history as VictimNotified.
 */
class VictimNotificationIT extends CustodyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWelshVictimIsToldOfEveryStepInWelshAndEachMessageIsInTheHistory() {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String address = ref + "@example.org";

        Api.Response registered = api.send("officer", "PUT", "/api/v1/contacts/" + ref, """
                {"channel":"EMAIL","address":"%s","language":"cy","safeToContact":true}
                """.formatted(address), Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("language").asText()).isEqualTo("cy");

        Instant t = now().minusSeconds(3600);
        Api.Response seized = api.post("officer", "/api/v1/devices",
                Requests.seizeVictimPhone(t).replace("contact-7f3a", ref));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        String id = seized.json().get("deviceId").asText();
        String devices = "/api/v1/devices/" + id;
        assertThat(api.post("officer", devices + "/replacements",
                "{\"occurredAt\":\"" + t.plusSeconds(600) + "\",\"kind\":\"SWAP_OUT\"}").status()).isEqualTo(200);
        assertThat(api.post("officer", devices + "/ready-for-collection", Requests.step(t.plusSeconds(1200))).status())
                .isEqualTo(200);
        assertThat(api.post("officer", devices + "/return",
                "{\"occurredAt\":\"" + t.plusSeconds(1800) + "\",\"returnedTo\":\"OWNER\"}").status()).isEqualTo(200);

        // Every message sent and recorded, so none is still to come: a late duplicate would be counted below.
        awaitSettled(id, 4);
        List<TestMail.Mail> mails = Await.until(WAIT, () -> TestMail.to(address), m -> m.size() >= 4);
        assertThat(mails).hasSize(4);
        assertThat(victimRows(id)).as("send-log rows to the victim").isEqualTo(4);
        assertThat(mails).extracting(TestMail.Mail::subject).containsExactlyInAnyOrder("Diweddariad am eich dyfais",
                "Diweddariad am eich dyfais", "Mae eich dyfais yn barod i'w chasglu", "Diweddariad am eich dyfais");
        String reference = id.substring(0, 8).toUpperCase();
        assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains("cyfeirnod " + reference,
                "Heddlu Dyfed-Powys", "0300 123 4567").doesNotContain("DP-2026-0042", "officer"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("Dyma ddiweddariad am eich dyfais"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("ffôn dros dro i chi ei ddefnyddio"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("yn barod i chi ei chasglu"));
        assertThat(mails).anySatisfy(m -> assertThat(m.body()).contains("wedi'i dychwelyd"));

        List<JsonNode> notified = Await.until(WAIT, () -> victimNotified(id), n -> n.size() >= 4);
        assertThat(notified).hasSize(4);
        assertThat(notified).extracting(n -> n.at("/payload/reason").asText()).containsExactlyInAnyOrder(
                "seizure-receipt", "replacement-issued", "ready-for-collection", "device-returned");
        assertThat(notified).allSatisfy(n -> {
            assertThat(n.at("/payload/channel").asText()).isEqualTo("EMAIL");
            assertThat(n.at("/payload/language").asText()).isEqualTo("CY");
            assertThat(n.at("/actor/id").asText()).isEqualTo("custody-notifier");
            assertThat(n.at("/actor/roles/0").asText()).isEqualTo("NOTIFIER");
            assertThat(n.at("/payload/messageReference").asText()).isNotBlank();
            assertThat(n.toString()).doesNotContain(address);
        });
    }

    @Test
    void aMissed24HourReturnReachesTheSupervisorsAndTheVictimGetsAnApologyWithAnOfferOfAReplacement() {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String address = ref + "@example.org";
        assertThat(api.send("officer", "PUT", "/api/v1/contacts/" + ref,
                "{\"channel\":\"EMAIL\",\"address\":\"" + address + "\",\"language\":\"en\",\"safeToContact\":true}",
                Map.of()).status()).isEqualTo(201);

        // Logged 30 hours late: the 24-hour return is already breached when the seizure is recorded.
        Device phone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(30))).timeSensitive(false).contact(ref).json());
        String reference = phone.id().substring(0, 8).toUpperCase();

        List<TestMail.Mail> victim = Await.until(WAIT, () -> TestMail.to(address),
                m -> m.stream().anyMatch(x -> x.subject().startsWith("We are sorry")));
        assertThat(victim).filteredOn(m -> m.subject().startsWith("We are sorry")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("within 24 hours", "lend you a replacement", reference)
                        .doesNotContain("DP-2026-0042"));

        // The 24-hour warning is moot once its breach is due: the breach alone is raised.
        List<String> expected = List.of("Custody alert: RETURN_24H (deadline missed)",
                "Custody alert: REPLACEMENT_24H (deadline missed)");
        awaitSettled(phone.id(), 2);
        assertThat(TestMail.to(address)).as("messages to the victim, one per send-log row")
                .hasSize(victimRows(phone.id()));
        List<String> supervisors = Await.until(WAIT, () -> TestMail.to("supervisors@dyfed-powys.test").stream()
                .filter(m -> m.body().contains(phone.id())).map(TestMail.Mail::subject).toList(),
                subjects -> subjects.containsAll(expected));
        assertThat(supervisors).as("one message per alert").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void contactDetailsAreForOfficersAndSupervisorsOfTheForceAndCanBeErased() {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"channel\":\"VIA_ISVA\",\"address\":\"isva@support.example.org\",\"safeToContact\":true,"
                + "\"safeHours\":{\"from\":\"09:00\",\"until\":\"20:00\"}}";
        assertThat(api.send("lab", "PUT", "/api/v1/contacts/" + ref, body, Map.of()).status()).isEqualTo(403);
        assertThat(api.send(null, "PUT", "/api/v1/contacts/" + ref, body, Map.of()).status()).isEqualTo(401);
        assertThat(api.send("supervisor", "PUT", "/api/v1/contacts/" + ref, body, Map.of()).status()).isEqualTo(201);

        Api.Response read = api.get("officer", "/api/v1/contacts/" + ref);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("language").asText()).isEqualTo("unknown");
        assertThat(read.json().at("/safeHours/zone").asText()).isEqualTo("Europe/London");
        assertThat(api.get("met-officer", "/api/v1/contacts/" + ref).status()).as("another force").isEqualTo(404);
        assertThat(api.get("inspector", "/api/v1/contacts/" + ref).status()).isEqualTo(403);

        Api.Response invalid = api.send("officer", "PUT", "/api/v1/contacts/" + ref,
                "{\"channel\":\"SMS\",\"address\":\"not a number\",\"language\":\"fr\",\"safeToContact\":true}", Map.of());
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.header("content-type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("rule").asText()).isEqualTo("invalid-contact");
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("address", "language");

        assertThat(api.send("officer", "DELETE", "/api/v1/contacts/" + ref, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.get("officer", "/api/v1/contacts/" + ref).status()).isEqualTo(404);
        assertThat(api.send("officer", "DELETE", "/api/v1/contacts/" + ref, null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aReferenceClaimedByAnotherForceNeverRedirectsThisForcesMessages() {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String chosenByMet = ref + "@met-chosen.example.org";
        // A met officer registers the reference first, with an address of their choosing.
        assertThat(api.send("met-officer", "PUT", "/api/v1/contacts/" + ref,
                "{\"channel\":\"EMAIL\",\"address\":\"" + chosenByMet + "\",\"language\":\"en\","
                        + "\"safeToContact\":true}", Map.of()).status()).isEqualTo(201);

        // A dyfed-powys victim's seizure carries the same reference: her receipt must not go to met's address.
        Device dyfedPhone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minusSeconds(600)).timeSensitive(false).contact(ref).json());
        Map<String, Object> receipt = Await.until(WAIT, () -> sendLog(dyfedPhone.id(), "seizure-receipt"),
                row -> row != null && !"PENDING".equals(row.get("status")));
        assertThat(receipt).containsEntry("status", "SKIPPED").containsEntry("outcome_reason",
                "contact-of-another-force");

        // Met's own device under the reference still reaches met's address: the only mail it ever gets.
        Device metPhone = Device.seize(api, "met-officer", "met-lab",
                Seizure.at(now().minusSeconds(600)).timeSensitive(false).contact(ref).json());
        List<TestMail.Mail> mails = Await.until(WAIT, () -> TestMail.to(chosenByMet), m -> !m.isEmpty());
        assertThat(mails).singleElement().satisfies(m -> assertThat(m.body())
                .contains(metPhone.id().substring(0, 8).toUpperCase())
                .doesNotContain(dyfedPhone.id().substring(0, 8).toUpperCase()));
        assertThat(victimNotified(dyfedPhone.id())).as("no update is recorded as given").isEmpty();
    }

    /** The send-log row of one message about a device, or null before it is planned. */
    private Map<String, Object> sendLog(String deviceId, String template) {
        return jdbc.queryForList("select status, outcome_reason from notifier_send_log where device_id = ?::uuid "
                + "and template = ?", deviceId, template).stream().findFirst().orElse(null);
    }

    /**
     * Waits until the notifier has nothing more to do for the device: at least {@code victimMessages} messages to
     * the victim in the send log, and no row still pending (nor a victim's delivery still to record). Only then can "exactly N"
     * tell a late duplicate.
     */
    private void awaitSettled(String deviceId, int victimMessages) {
        Await.until(WAIT, () -> jdbc.queryForMap("""
                        select count(*) filter (where recipient like 'contact:%') as victim,
                               count(*) filter (where status = 'PENDING' or record_state = 'PENDING') as unsettled
                        from notifier_send_log where device_id::text = ?""", deviceId),
                r -> ((Number) r.get("victim")).intValue() >= victimMessages
                        && ((Number) r.get("unsettled")).intValue() == 0);
    }

    private int victimRows(String deviceId) {
        Integer n = jdbc.queryForObject("select count(*) from notifier_send_log where recipient like 'contact:%' "
                + "and device_id::text = ?", Integer.class, deviceId);
        return n == null ? 0 : n;
    }

    private List<JsonNode> victimNotified(String id) {
        List<JsonNode> notified = new ArrayList<>();
        history(id).forEach(e -> {
            if ("VictimNotified".equals(e.get("type").asText())) {
                notified.add(e);
            }
        });
        return notified;
    }
}
