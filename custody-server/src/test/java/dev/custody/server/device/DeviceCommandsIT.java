package dev.custody.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Accepted;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceRequests.ReadyForCollectionRequest;
import dev.custody.device.DeviceRequests.ReturnDeviceRequest;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.device.DeviceRequests.VictimNotifiedRequest;
import dev.custody.edge.NotFound;
import dev.custody.edge.Problem;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.NotificationChannel;
import dev.custody.values.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The command service as a web page calls it: with the signed-in {@link Actor}, a request bound from a form, and
 * its own idempotency key and version; refusals come back as a {@link Problem} a page shows as an error summary.
 */
class DeviceCommandsIT extends CustodyIT {

    private static final Actor OFFICER = new Actor("web-officer", Set.of(Role.OFFICER), new ForceCode("dyfed-powys"), null);
    private static final Actor MET_OFFICER = new Actor("web-met", Set.of(Role.OFFICER), new ForceCode("met"), null);

    @Autowired
    DeviceCommands commands;

    @Autowired
    ObjectMapper json;

    @Test
    void aFormSubmittedTwiceWithItsKeyIsStoredOnce() throws Exception {
        SeizeDeviceRequest form = json.readValue(Requests.seizeVictimPhone(now().minusSeconds(60)), SeizeDeviceRequest.class);
        Conditions submission = new Conditions(UUID.randomUUID().toString(), null);

        Accepted first = commands.seize(OFFICER, submission, form);
        Accepted again = commands.seize(OFFICER, submission, form);

        assertThat(first.created()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.deviceId()).isEqualTo(first.deviceId());
        assertThat(history(first.deviceId().toString())).hasSize(1);
        assertThat(history(first.deviceId().toString()).get(0).at("/actor/id").asText()).isEqualTo("web-officer");
    }

    @Test
    void aRefusalNamesEachFieldForTheErrorSummary() throws Exception {
        SeizeDeviceRequest form = json.readValue(Requests.seizeVictimPhone(now().minusSeconds(60))
                .replace("\"Messages from the suspect in March\"", "\" \""), SeizeDeviceRequest.class);

        Problem refused = catchThrowableOfType(() -> commands.seize(OFFICER, Conditions.NONE, form), Problem.class);

        assertThat(refused.status().value()).isEqualTo(422);
        assertThat(refused.rule()).isEqualTo("incomplete-seizure-record");
        assertThat(refused.errors()).extracting(Problem.FieldError::field)
                .containsExactly("legal.justification.lineOfEnquiry");
        assertThat(refused.detail()).isNotBlank();
    }

    @Test
    void anEmptyFormIsOneProblemNamingEveryMissingField() {
        Problem refused = catchThrowableOfType(() -> commands.returnDevice(OFFICER, Conditions.NONE,
                DeviceId.random(), new ReturnDeviceRequest(null, null, null)),
                Problem.class);
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.errors()).extracting(Problem.FieldError::field).containsExactly("occurredAt");
    }

    @Test
    void aStaleFormIsRefusedAndAnotherForcesDeviceIsNotFound() {
        String id = seizeVictimPhone();
        DeviceId device = DeviceId.of(id);
        commands.markReadyForCollection(OFFICER, new Conditions(null, 0L),
                device, new ReadyForCollectionRequest(now().minusSeconds(20), null));

        Problem stale = catchThrowableOfType(() -> commands.recordVictimNotified(OFFICER, new Conditions(null, 0L),
                device, new VictimNotifiedRequest(now().minusSeconds(10), NotificationChannel.PHONE_CALL, null,
                        "told it is ready", null)), Problem.class);
        assertThat(stale.status().value()).isEqualTo(409);
        assertThat(stale.rule()).isEqualTo("concurrent-modification");

        Problem hidden = catchThrowableOfType(() -> commands.returnDevice(MET_OFFICER, Conditions.NONE, device,
                new ReturnDeviceRequest(now(), null, null)), Problem.class);
        assertThat(hidden.getBody()).isEqualTo(NotFound.device(device).getBody());
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void theRestFormDocumentsTheConditionsAsHeaders() {
        JsonNode transfer = api.get("officer", "/v3/api-docs").json().at("/paths/~1api~1v1~1devices~1{id}~1transfers/post");
        List<String> parameters = new ArrayList<>();
        transfer.get("parameters").forEach(p -> parameters.add(p.get("in").asText() + " " + p.get("name").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("path id", "header Idempotency-Key", "header If-Match");
    }
}
