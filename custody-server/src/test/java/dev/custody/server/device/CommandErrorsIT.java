package dev.custody.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.custody.server.support.Problems.assertProblem;
import static dev.custody.server.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** Every class of error as problem+json, and proof that a refused command stores nothing. */
class CommandErrorsIT extends CustodyIT {

    @Test
    void badRequestListsEveryMissingFieldAtOnce() {
        Response response = api.post("officer", "/api/v1/devices", "{\"ownerRole\":\"VICTIM\"}");
        assertProblem(response, 400, "invalid-request");
        assertThat(fields(response)).containsExactly("caseReference", "device", "legal", "occurredAt");
    }

    @Test
    void badRequestNamesAnUnreadableField() {
        String body = Requests.seizeVictimPhone(now()).replace("\"MOBILE_PHONE\"", "\"TOASTER\"");
        Response response = api.post("officer", "/api/v1/devices", body);
        assertProblem(response, 400, "unreadable-request");
        assertThat(fields(response)).containsExactly("device.type");
    }

    @Test
    void badRequestNamesAnUnreadableTimeAndStoresNothing() {
        String id = seizeVictimPhone();
        int events = history(id).size();
        Response response = api.post("lab", "/api/v1/devices/" + id + "/lab-receipt",
                Requests.labReceipt(now()).replace(now().toString(), "yesterday"));
        assertProblem(response, 400, "unreadable-request");
        assertThat(fields(response)).containsExactly("occurredAt");
        assertThat(history(id).size()).isEqualTo(events);
    }

    @Test
    void badRequestForMalformedDeviceIdInPath() {
        assertProblem(api.post("lab", "/api/v1/devices/not-a-uuid/lab-receipt", Requests.labReceipt(now())),
                400, "invalid-parameter");
    }

    @Test
    void unauthenticatedIs401() {
        assertProblem(api.post(null, "/api/v1/devices", Requests.seizeVictimPhone(now())), 401, "unauthenticated");
        assertProblem(api.get(null, "/api/v1/devices/" + UUID.randomUUID() + "/history"), 401, "unauthenticated");
    }

    @Test
    void wrongRoleIs403() {
        assertProblem(api.post("lab", "/api/v1/devices", Requests.seizeVictimPhone(now())), 403, "forbidden");
        String id = seizeVictimPhone();
        assertProblem(api.post("officer", "/api/v1/devices/" + id + "/downloads", Requests.startDownload(now())),
                403, "forbidden");
        assertProblem(api.post("officer", "/api/v1/devices/" + id + "/retention-extensions",
                "{\"occurredAt\":\"" + now() + "\",\"until\":\"" + now().plusSeconds(86400) + "\",\"reason\":\"x\"}"),
                403, "forbidden");
        assertProblem(api.post("inspector", "/api/v1/devices/" + id + "/return", Requests.step(now())), 403, "forbidden");
        assertThat(history(id)).hasSize(1);
    }

    @Test
    void otherForceIsNotFoundAndStoresNothing() {
        String id = seizeVictimPhone();
        assertProblem(api.post("met-officer", "/api/v1/devices/" + id + "/return", Requests.step(now())), 404, "device-not-found");
        assertProblem(api.get("met-officer", "/api/v1/devices/" + id + "/history"), 404, "device-not-found");
        assertThat(history(id)).hasSize(1);
    }

    @Test
    void unknownDeviceIs404() {
        String missing = "/api/v1/devices/" + UUID.randomUUID();
        assertProblem(api.post("lab", missing + "/lab-receipt", Requests.labReceipt(now())), 404, "device-not-found");
        assertProblem(api.get("inspector", missing + "/history"), 404, "device-not-found");
    }

    @Test
    void stepOutOfOrderIs409AndStoresNothing() {
        String id = seizeVictimPhone();
        String sha = "a".repeat(64);
        assertProblem(api.post("lab", "/api/v1/devices/" + id + "/downloads/1/completion",
                Requests.completeDownload(now(), sha)), 409, "out-of-order");
        assertProblem(api.post("lab", "/api/v1/devices/" + id + "/examination", Requests.step(now())), 409, "out-of-order");
        assertThat(history(id)).hasSize(1);
    }

    @Test
    void onlyReplacementReturnOrReseizureFollowAReturn() {
        String id = seizeVictimPhone();
        String device = "/api/v1/devices/" + id;
        assertThat(api.post("officer", device + "/return", Requests.step(now().minusSeconds(60))).status()).isEqualTo(200);
        assertProblem(api.post("lab", device + "/lab-receipt", Requests.labReceipt(now())), 409, "device-returned");
        assertProblem(api.post("officer", device + "/return", Requests.step(now())), 409, "device-returned");
        assertProblem(api.post("officer", device + "/replacements",
                "{\"occurredAt\":\"" + now() + "\",\"kind\":\"BASIC_HANDSET\"}"), 409, "device-returned");
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void afterWithdrawalOnlyTheReturnMayFollow() {
        String id = seizeVictimPhone();
        String device = "/api/v1/devices/" + id;
        assertThat(api.post("officer", device + "/agreement-withdrawal",
                "{\"occurredAt\":\"" + now().minusSeconds(120) + "\",\"note\":\"changed her mind\"}").status()).isEqualTo(200);
        assertProblem(api.post("lab", device + "/lab-receipt", Requests.labReceipt(now())), 409, "agreement-withdrawn");
        assertThat(api.post("officer", device + "/return", Requests.step(now())).status()).isEqualTo(200);
    }

    @Test
    void blankFormIs422ListingEveryGap() {
        String body = """
                {"occurredAt":"%s","caseReference":"DP-1","ownerRole":"VICTIM",
                 "device":{"type":"MOBILE_PHONE","sealNumber":"S-1"},
                 "legal":{"purpose":"CRIME","basis":"PCSC_S37_AGREEMENT",
                   "justification":{"lineOfEnquiry":"  ","necessityAndProportionality":"","alternativesConsidered":null},
                   "notice":{"version":"v1","language":"EN","elementsConfirmed":["MAY_REFUSE"]}},
                 "scope":{"categories":["MESSAGES"]},
                 "victimCare":{"tier":"STANDARD","updateEveryDays":28}}
                """.formatted(now());
        Response response = api.post("officer", "/api/v1/devices", body);
        assertProblem(response, 422, "incomplete-seizure-record");
        assertThat(fields(response)).containsExactlyInAnyOrder(
                "legal.justification.lineOfEnquiry", "legal.justification.necessityAndProportionality",
                "legal.justification.alternativesConsidered", "legal.notice.elementsConfirmed", "legal.agreement",
                "scope.from", "scope.to");
    }

    @Test
    void aRecordOfPlaceholdersIs422SayingWhatEachFieldNeedsAndStoresNothing() {
        String placeholders = Requests.seizeVictimPhone(now())
                .replace("\"Messages from the suspect in March\"", "\"n/a\"")
                .replace("\"The messages exist only on this phone\"", "\"-\"")
                .replace("\"Screenshots were offered but cannot show deleted messages\"", "\"none\"");
        Response response = api.post("officer", "/api/v1/devices", placeholders);
        assertProblem(response, 422, "incomplete-seizure-record");
        assertThat(fields(response)).containsExactlyInAnyOrder("legal.justification.lineOfEnquiry",
                "legal.justification.necessityAndProportionality", "legal.justification.alternativesConsidered");
        response.json().get("errors").forEach(e -> assertThat(e.get("message").asText())
                .contains("Write at least 15 letters in your own words"));

        String id = seizeVictimPhone();
        assertThat(api.post("officer", "/api/v1/devices/" + id + "/return", Requests.step(now())).status())
                .isEqualTo(200);
        int events = history(id).size();
        String tooShort = placeholders.replace("\"n/a\"", "\"See MG11\"");
        Response again = api.post("officer", "/api/v1/devices/" + id + "/seizures", tooShort);
        assertProblem(again, 422, "incomplete-seizure-record");
        assertThat(fields(again)).contains("legal.justification.lineOfEnquiry");
        assertThat(history(id).size()).as("nothing stored").isEqualTo(events);
    }

    @Test
    void longDateRangeWithoutJustificationIs422() {
        Response response = api.post("officer", "/api/v1/devices",
                Requests.seize(now(), "WITNESS", "\"2018-01-01\"", "\"2026-01-01\"", null));
        assertProblem(response, 422, "date-range-exceeds-limit");
        assertThat(fields(response)).containsExactly("scope.longRangeJustification");
    }

    @Test
    void occurredAtInTheFutureOrBeforeThePreviousStepIs422() {
        // Past the rules' clock skew (2 minutes) but inside the edge's plausible window (5 minutes).
        assertProblem(api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(now().plusSeconds(180))),
                422, "occurred-at-in-future");
        String id = seizeVictimPhone();
        Response early = api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", Requests.labReceipt(now().minusSeconds(7200)));
        assertProblem(early, 422, "occurred-at-before-previous-step");
        assertThat(fields(early)).containsExactly("occurredAt");
    }

    @Test
    void hashMismatchOnVerificationIs422() {
        String id = seizeVictimPhone();
        String device = "/api/v1/devices/" + id;
        Instant t = now().minusSeconds(600);
        api.post("lab", device + "/lab-receipt", Requests.labReceipt(t));
        api.post("lab", device + "/downloads", Requests.startDownload(t.plusSeconds(10)));
        api.post("lab", device + "/downloads/1/completion", Requests.completeDownload(t.plusSeconds(20), "b".repeat(64)));
        assertProblem(api.post("lab", device + "/downloads/1/verification", Requests.hash(t.plusSeconds(30), "c".repeat(64))),
                422, "hash-mismatch");
        assertThat(history(id)).hasSize(4);
    }

    @Test
    void supervisorExtendsRetentionWithAReason() {
        String id = seizeVictimPhone();
        Response missingReason = api.post("supervisor", "/api/v1/devices/" + id + "/retention-extensions",
                "{\"occurredAt\":\"" + now() + "\",\"until\":\"" + now().plusSeconds(86400 * 7) + "\"}");
        assertProblem(missingReason, 400, "invalid-request");
        assertThat(fields(missingReason)).containsExactly("reason");
        Response ok = api.post("supervisor", "/api/v1/devices/" + id + "/retention-extensions",
                "{\"occurredAt\":\"" + now() + "\",\"until\":\"" + now().plusSeconds(86400 * 7)
                        + "\",\"reason\":\"Second download needed: the first was incomplete\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode extension = history(id).get(1);
        assertThat(extension.get("type").asText()).isEqualTo("RetentionExtended");
        assertThat(extension.get("actor").get("id").asText()).isEqualTo("supervisor");
    }

    @Test
    void actorInBodyIsIgnored() {
        String body = Requests.seizeVictimPhone(now().minusSeconds(60))
                .replaceFirst("\\{", "{\"actor\":{\"id\":\"someone-else\",\"roles\":[\"SUPERVISOR\"],\"force\":\"met\"},");
        Response response = api.post("officer", "/api/v1/devices", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode seizure = history(response.json().get("deviceId").asText()).get(0);
        assertThat(seizure.get("actor").get("id").asText()).isEqualTo("officer");
        assertThat(seizure.at("/payload/force").asText()).isEqualTo("dyfed-powys");
    }
}
