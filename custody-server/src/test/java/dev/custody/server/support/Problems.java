package dev.custody.server.support;

import dev.custody.server.support.Api.Response;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on problem+json answers: status, rule, type, and the fields named in {@code errors}. */
public final class Problems {

    private Problems() {
    }

    public static void assertProblem(Response response, int status, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("rule").asText()).as(response.toString()).isEqualTo(rule);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:custody:problem:" + rule);
    }

    public static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
