package dev.custody.server.security;

import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.custody.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every response carries, whatever answered it: the browser security headers, a {@code WWW-Authenticate}
 * challenge on every 401, problem+json for requests the firewall rejects, and error bodies that never name a Java
 * class.
 */
class EdgeResponsesIT extends CustodyIT {

    private static final List<String> INTERNALS = List.of("dev.custody", "java.", "com.fasterxml", "org.springframework",
            "jakarta.", "Exception", "`", "\\tat ");

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        String id = seizeVictimPhone();
        List<Response> responses = List.of(
                api.get("inspector", "/api/v1/devices/" + id + "/history"),
                api.get(null, "/api/v1/devices/" + id),
                api.post("lab", "/api/v1/devices", "{}"),
                api.get("officer", "/api/v1/devices/" + UUID.randomUUID() + "/history"),
                api.get("officer", "/api/v1/no-such-endpoint"),
                api.get(null, "/actuator/health"),
                api.get("officer", "/api//v1/devices"));
        assertThat(responses).extracting(Response::status).containsExactly(200, 401, 403, 404, 404, 200, 400);
        for (Response response : responses) {
            assertThat(response.header("Content-Security-Policy")).as(response.toString())
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
                            "font-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.header("Referrer-Policy")).as(response.toString()).isEqualTo("same-origin");
            assertThat(response.header("Permissions-Policy")).as(response.toString())
                    .contains("camera=()", "geolocation=()", "microphone=()");
        }
        assertThat(raw(badAuthorization())).contains("Content-Security-Policy: ");
    }

    @Test
    void every401ChallengesTheCallerAndIsProblemJson() {
        Response none = api.get(null, "/api/v1/devices?size=1");
        Response wrongPassword = api.send(null, "GET", "/api/v1/devices?size=1", null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer:wrong".getBytes())));
        Response badToken = api.get(Api.BEARER + "not-a-token", "/api/v1/devices?size=1");

        for (Response response : List.of(none, wrongPassword, badToken)) {
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate")).as(response.toString())
                    .contains("Bearer").contains("Basic realm=\"custody\"");
        }
        assertThat(badToken.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void firewallRejectionsAreProblemJson() throws Exception {
        assertProblem(api.get("officer", "/api//v1/devices"), 400, "request-rejected");
        assertProblem(api.get("officer", "/api/v1/devices/%2e/history"), 400, "request-rejected");
        assertProblem(api.get("officer", "/api/v1/devices;jsessionid=x"), 400, "request-rejected");

        String rejectedInTheChain = raw(badAuthorization());
        assertThat(rejectedInTheChain).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"rule\":\"request-rejected\"");
        String id = seizeVictimPhone();
        String rejectedInMvc = raw(badIdempotencyKey(id));
        assertThat(rejectedInMvc).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"rule\":\"request-rejected\"");
        assertThat(history(id)).as("nothing stored").hasSize(1);
    }

    @Test
    void errorBodiesNameNoInternalClass() {
        String seizure = Requests.seizeVictimPhone(now().minusSeconds(60));
        String id = seizeVictimPhone();
        String device = "/api/v1/devices/" + id;
        String unknownEnum = seizure.replace("\"MOBILE_PHONE\"", "\"TOASTER\"");
        String textForAnObject = seizure.replaceFirst("\"device\":\\{[^}]*}", "\"device\":\"a phone\"");
        String objectForAList = seizure.replace("\"timeSensitiveData\":[", "\"timeSensitiveData\":{\"x\":[")
                .replace("}],\n", "}]},\n");
        String textForARecord = seizure.replace("\"legal\":{", "\"legal\":\"none\",\"ignored\":{");
        String invalidValue = seizure.replace("\"contact-7f3a\"", "\"\"");
        List<Response> responses = List.of(
                api.post("officer", "/api/v1/devices", unknownEnum),
                api.post("officer", "/api/v1/devices", textForAnObject),
                api.post("officer", "/api/v1/devices", objectForAList),
                api.post("officer", "/api/v1/devices", textForARecord),
                api.post("officer", "/api/v1/devices", invalidValue),
                api.post("officer", "/api/v1/devices", "{"),
                api.post("officer", "/api/v1/devices", ""),
                api.post("lab", device + "/lab-receipt", Requests.labReceipt(now()).replace(now().toString(), "yesterday")),
                api.post("lab", device + "/downloads/1/completion",
                        "{\"occurredAt\":\"" + now() + "\",\"sha256\":\"ab\",\"sizeBytes\":\"lots\"}"),
                api.post("lab", device + "/downloads/one/completion",
                        "{\"occurredAt\":\"" + now() + "\",\"sha256\":\"ab\",\"sizeBytes\":1}"),
                api.post("lab", "/api/v1/devices/not-a-uuid/lab-receipt", Requests.labReceipt(now())),
                api.get("supervisor", "/api/v1/alerts?from=garbage"),
                api.get("supervisor", "/api/v1/alerts?page=abc"),
                api.get("supervisor", "/api/v1/reports/retention?from=31/01/2026"),
                api.send("officer", "PUT", device, "{}", Map.of()));
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
            assertThat(response.json().has("rule")).as(response.toString()).isTrue();
            assertThat(response.text()).as("names no internal class").doesNotContain(INTERNALS);
        }
        assertThat(responses.get(0).json().at("/errors/0/message").asText()).startsWith("must be one of ")
                .contains("MOBILE_PHONE");
        assertThat(responses.get(1).json().at("/errors/0/field").asText()).isEqualTo("device");
    }

    // 0x85 is a C1 control character once a header is read as ISO-8859-1: the firewall refuses it when it is read.

    /** Read by the authentication filters, inside the security filter chain. */
    private static String badAuthorization() {
        return "GET /api/v1/devices?size=1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + basic("officer") + "\u0085\r\nConnection: close\r\n\r\n";
    }

    /** Read by Spring MVC, when the command endpoint's conditions are resolved. */
    private String badIdempotencyKey(String deviceId) {
        String body = Requests.step(now());
        return "POST /api/v1/devices/" + deviceId + "/return HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + basic("officer") + "\r\n"
                + "Idempotency-Key: key\u0085\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body;
    }

    private static String basic(String user) {
        return Base64.getEncoder().encodeToString((user + ":custody").getBytes(StandardCharsets.UTF_8));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
