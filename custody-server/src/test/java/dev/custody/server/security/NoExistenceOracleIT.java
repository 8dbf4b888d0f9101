package dev.custody.server.security;

import dev.custody.projections.alert.AlertEngine;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another force's device, alert, contact details or lab queue answer exactly as ones that do not exist: same status,
 * same headers that matter, same body byte for byte once the id the caller sent is blanked out. A 403 "other-force"
 * would tell an officer that the record exists.
 */
class NoExistenceOracleIT extends CustodyIT {

    private static final Map<String, String> NO_HEADERS = Map.of();

    @Autowired
    AlertEngine engine;

    @Test
    void anotherForcesDeviceAnswersAsAnUnknownOne() {
        Device dyfed = Device.seize(api, "officer", "lab", Seizure.at(now().minusSeconds(120)).json());
        dyfed.status("officer");
        String unknown = UUID.randomUUID().toString();
        String device = "/api/v1/devices/";

        assertSameAnswer("met-officer", "GET", device + dyfed.id(), device + unknown, null, dyfed.id(), unknown);
        assertSameAnswer("met-officer", "GET", device + dyfed.id() + "/history", device + unknown + "/history", null,
                dyfed.id(), unknown);
        assertSameAnswer("met-officer", "POST", device + dyfed.id() + "/return", device + unknown + "/return",
                Requests.step(now()), dyfed.id(), unknown);
        assertSameAnswer("met-lab", "POST", device + dyfed.id() + "/lab-receipt", device + unknown + "/lab-receipt",
                Requests.labReceipt(now()), dyfed.id(), unknown);
        assertThat(history(dyfed.id())).as("nothing stored").hasSize(1);
    }

    @Test
    void anotherForcesAlertAnswersAsAnUnknownOne() {
        Device met = Device.seize(api, "met-officer", "met-lab",
                Seizure.at(now().minus(Duration.ofHours(30))).timeSensitive(false).json());
        met.status("met-officer");
        String alert = Await.until(Duration.ofSeconds(20), () -> {
            engine.scan();
            return api.get("inspector", "/api/v1/alerts?deviceId=" + met.id() + "&size=1").json().get("content");
        }, content -> !content.isEmpty()).get(0).get("alertId").asText();
        String unknown = UUID.randomUUID().toString();

        assertSameAnswer("supervisor", "GET", "/api/v1/alerts/" + alert, "/api/v1/alerts/" + unknown, null,
                alert, unknown);
        assertSameAnswer("supervisor", "POST", "/api/v1/alerts/" + alert + "/acknowledgement",
                "/api/v1/alerts/" + unknown + "/acknowledgement", "{\"note\":\"seen\"}", alert, unknown);
        assertThat(api.get("met-supervisor", "/api/v1/alerts/" + alert).json().at("/alert/state").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void anotherForcesContactDetailsAnswerAsUnknownOnes() {
        String theirs = "contact-" + UUID.randomUUID();
        String unknown = "contact-" + UUID.randomUUID();
        Api.Response registered = api.send("met-officer", "PUT", "/api/v1/contacts/" + theirs,
                "{\"channel\":\"EMAIL\",\"address\":\"victim@example.org\",\"safeToContact\":true}", NO_HEADERS);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        assertSameAnswer("officer", "GET", "/api/v1/contacts/" + theirs, "/api/v1/contacts/" + unknown, null,
                theirs, unknown);
        assertSameAnswer("officer", "DELETE", "/api/v1/contacts/" + theirs, "/api/v1/contacts/" + unknown, null,
                theirs, unknown);
        assertThat(api.get("met-officer", "/api/v1/contacts/" + theirs).status()).as("not erased").isEqualTo(200);
    }

    @Test
    void anotherForcesLabQueueAnswersAsAnUnknownOne() {
        Device met = Device.seize(api, "met-officer", "met-lab", Seizure.at(now().minusSeconds(120)).json())
                .labReceipt(now().minusSeconds(60));
        met.status("met-officer");
        assertThat(api.get("met-lab", "/api/v1/labs/met-dfu/queue").status()).isEqualTo(200);

        assertSameAnswer("officer", "GET", "/api/v1/labs/met-dfu/queue", "/api/v1/labs/zzz-dfu/queue", null,
                "met-dfu", "zzz-dfu");
        assertSameAnswer("lab", "GET", "/api/v1/labs/met-dfu/queue", "/api/v1/labs/zzz-dfu/queue", null,
                "met-dfu", "zzz-dfu");
    }

    /** The two answers are the same 404, byte for byte, once each id is replaced by the same placeholder. */
    private void assertSameAnswer(String user, String method, String hidden, String unknown, String body,
                                  String hiddenId, String unknownId) {
        Api.Response theirs = api.send(user, method, hidden, body, NO_HEADERS);
        Api.Response missing = api.send(user, method, unknown, body, NO_HEADERS);

        assertThat(missing.status()).as(method + " " + unknown + ": " + missing).isEqualTo(404);
        assertThat(theirs.status()).as(method + " " + hidden + ": " + theirs).isEqualTo(missing.status());
        assertThat(theirs.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
        assertThat(theirs.text().replace(hiddenId, "{id}")).isEqualTo(missing.text().replace(unknownId, "{id}"));
    }
}
