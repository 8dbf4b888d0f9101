package dev.custody.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bodyCarriesTheRuleItsTypeAndEveryFieldInOrder() {
        Problem problem = Problem.unprocessable("incomplete-seizure-record", "2 field(s) need attention",
                List.of(new Problem.FieldError("scope.to", "is required"), new Problem.FieldError("scope.from", "is required")));

        assertThat(problem.getStatusCode().value()).isEqualTo(422);
        assertThat(problem.getBody().getType().toString()).isEqualTo("urn:custody:problem:incomplete-seizure-record");
        assertThat(problem.getBody().getTitle()).isEqualTo("Unprocessable Entity");
        assertThat(problem.getBody().getProperties()).containsEntry("rule", "incomplete-seizure-record");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("scope.to", "scope.from");
    }

    @Test
    void noErrorsPropertyWhenNoFieldIsAtFault() {
        assertThat(Problem.conflict("out-of-order", "not now").getBody().getProperties()).doesNotContainKey("errors");
    }

    @Test
    void writerWritesTheSameShapeOutsideMvc() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/devices/x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemWriter(json).write(request, response, Problem.invalid("invalid-request",
                List.of(new Problem.FieldError("occurredAt", "must not be null"))));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("rule").asText()).isEqualTo("invalid-request");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/devices/x");
        assertThat(body.get("errors").get(0).toString()).isEqualTo("{\"field\":\"occurredAt\",\"message\":\"must not be null\"}");
    }
}
