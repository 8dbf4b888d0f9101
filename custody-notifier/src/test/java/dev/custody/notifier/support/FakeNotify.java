package dev.custody.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server speaking the two GOV.UK Notify endpoints the Java client calls to send:
 * {@code POST /v2/notifications/email} and {@code /v2/notifications/sms}, answering 201 with the JSON the client
 * parses. The JWT in {@code Authorization: Bearer} is required but not verified. It can be told to fail.
 */
public final class FakeNotify implements AutoCloseable {

    /** One request as Notify received it. */
    public record Received(String kind, String authorization, JsonNode body) {
        public String to() {
            return body.path(kind.equals("email") ? "email_address" : "phone_number").asText();
        }

        public String text() {
            return body.path("personalisation").path("body").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;

    public FakeNotify() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/v2/notifications/email", exchange -> handle(exchange, "email"));
        server.createContext("/v2/notifications/sms", exchange -> handle(exchange, "sms"));
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The next {@code count} requests get {@code status}, with Notify's error JSON. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    private void handle(HttpExchange exchange, String kind) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || authorization == null
                    || !authorization.startsWith("Bearer ")) {
                respond(exchange, 403, "{\"status_code\":403,\"errors\":[{\"error\":\"AuthError\",\"message\":\"no token\"}]}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, failureStatus, "{\"status_code\":" + failureStatus
                        + ",\"errors\":[{\"error\":\"Exception\",\"message\":\"Internal server error\"}]}");
                return;
            }
            received.add(new Received(kind, authorization, body));
            String id = UUID.randomUUID().toString();
            ObjectNode response = JSON.createObjectNode();
            response.put("id", id);
            response.set("reference", body.get("reference"));
            ObjectNode content = response.putObject("content");
            content.put("body", body.path("personalisation").path("body").asText());
            if (kind.equals("email")) {
                content.put("subject", body.path("personalisation").path("subject").asText());
                content.put("from_email", "custody@notifications.service.gov.uk");
            } else {
                content.put("from_number", "CUSTODY");
            }
            response.put("uri", baseUrl() + "/v2/notifications/" + id);
            ObjectNode template = response.putObject("template");
            template.put("id", body.path("template_id").asText());
            template.put("version", 1);
            template.put("uri", baseUrl() + "/v2/template/" + body.path("template_id").asText());
            respond(exchange, 201, JSON.writeValueAsString(response));
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
