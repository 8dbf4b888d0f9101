package dev.custody.server.security;

import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Problems;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.custody.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller whose role may not use an endpoint is told 403 before anything of the request is read: never a 400 that
 * lists the fields or parameters the endpoint expects.
 */
class RoleFirstIT extends CustodyIT {

    @Test
    void aLabUserSeizingWithAnEmptyBodyIsForbiddenNotTold() {
        Response response = api.post("lab", "/api/v1/devices", "{}");
        assertProblem(response, 403, "forbidden");
        assertThat(response.json().has("errors")).isFalse();
    }

    @Test
    void theRoleIsCheckedBeforeTheBodyIsParsed() {
        assertProblem(api.post("lab", "/api/v1/devices", "{not json"), 403, "forbidden");
        assertProblem(api.post("inspector", "/api/v1/devices/" + UUID.randomUUID() + "/return", "{}"), 403, "forbidden");
        assertProblem(api.post("officer", "/api/v1/alerts/" + UUID.randomUUID() + "/acknowledgement", "{}"),
                403, "forbidden");
        assertProblem(api.send("lab", "PUT", "/api/v1/contacts/contact-1", "{}", Map.of()), 403, "forbidden");
    }

    @Test
    void theRoleIsCheckedBeforePathAndQueryParameters() {
        assertProblem(api.post("officer", "/api/v1/devices/not-a-uuid/downloads", Requests.startDownload(now())),
                403, "forbidden");
        assertProblem(api.get("lab", "/api/v1/reports/retention?from=garbage"), 403, "forbidden");
        assertProblem(api.get("officer", "/api/v1/alert-log?page=abc"), 403, "forbidden");
    }

    @Test
    void theRightRoleStillGetsEveryFieldNamed() {
        Response response = api.post("officer", "/api/v1/devices", "{}");
        assertProblem(response, 400, "invalid-request");
        assertThat(Problems.fields(response)).contains("caseReference", "occurredAt");
    }
}
