package dev.custody.server.victim;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.StatusPages;
import dev.custody.server.support.TestMail;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security properties of the victim's status links, each through HTTP against the running server: what the page
 * shows and never shows, its headers, the token hashed at rest and nowhere else (database, events, Kafka, logs),
 * expiry after the return, withdrawal, erasure, one answer for every dead link, and the rate limits.
 */
class StatusLinkIT extends CustodyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate db;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${custody.notifier.status-link.rate-limit.per-address}")
    int perAddress;

    /** Every log line of every thread while a test runs. */
    private static final class Lines extends AppenderBase<ILoggingEvent> {
        final List<String> list = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            list.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
    }

    private final Lines logs = new Lines();
    private final Logger ours = (Logger) LoggerFactory.getLogger("dev.custody");
    private Level oursBefore;

    /** Custody's own code logs at DEBUG meanwhile, so even its debug lines are searched for tokens. */
    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        oursBefore = ours.getLevel();
        ours.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopCapturingLogs() {
        ours.setLevel(oursBefore);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        logs.stop();
    }

    @Test
    void aLinkShowsWhereTheDeviceIsAndNothingThatCouldHarmAndItsTokenIsKeptOnlyAsAHash() throws Exception {
        String ref = contact("en");
        String address = ref + "@example.org";
        Instant t = now().minus(Duration.ofHours(3));
        String seizure = Requests.seizeVictimPhone(t).replace("contact-7f3a", ref)
                .replace("DP-2026-0042", "CASE-NEVER-SHOWN").replace("Black iPhone 13", "DESCRIPTION-NEVER-SHOWN");
        Device phone = Device.seize(api, "officer", "lab", seizure);
        TestMail.Mail receipt = mail(address, m -> m.body().contains("We have your device"));
        clock.advance(Duration.ofSeconds(1));

        phone.labReceipt(t.plus(Duration.ofMinutes(10))).downloadStarted(t.plus(Duration.ofMinutes(20)))
                .downloadCompleted(t.plus(Duration.ofMinutes(30))).downloadVerified(t.plus(Duration.ofMinutes(40)))
                .examinationStarted(t.plus(Duration.ofMinutes(50)))
                .step("lab", "/examination/completion", "{\"occurredAt\":\"" + t.plus(Duration.ofMinutes(60))
                        + "\",\"relevantMaterialFound\":true,\"summary\":\"FINDING-NEVER-SHOWN\"}")
                .replacementIssued(t.plus(Duration.ofMinutes(70)));
        mail(address, m -> m.body().contains("We have given you a replacement phone"));
        clock.advance(Duration.ofSeconds(1));
        Instant until = now().plus(Duration.ofDays(20));
        phone.step("supervisor", "/retention-extensions", "{\"occurredAt\":\"" + t.plus(Duration.ofMinutes(80))
                + "\",\"until\":\"" + until + "\",\"reason\":\"REASON-NEVER-SHOWN\"}");
        TestMail.Mail extension = mail(address, m -> m.body().contains("We need to keep your device for longer"));
        phone.status("officer");

        Api.Response page = api.get(null, StatusPages.path(extension));
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.text()).contains("<title>Update on an item</title>", "<html lang=\"en\"",
                "<meta name=\"robots\" content=\"noindex, nofollow\">", "govuk-exit-this-page", "Exit this page",
                "At the lab", "Your device is at the lab", "We lent you a replacement phone on",
                "It said that we need to keep your device for longer than planned, until",
                "Call Dyfed-Powys Police and quote reference " + phone.id().substring(0, 8).toUpperCase(),
                "0300 123 4567", "Please do not share it.", "href=\"?lang=cy\"");
        assertThat(page.text().toLowerCase()).doesNotContain("case-never-shown", "description-never-shown",
                "finding-never-shown", "reason-never-shown", "seal-001", "messages from the suspect", "suspect",
                "hinge", "dyfed-powys-dfu", "ufed", "officer", "supervisor", "crime", "offence", "isva",
                ref.toLowerCase(), address.toLowerCase(), phone.id(), StatusPages.token(extension).toLowerCase());
        assertPrivateHeaders(page);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("set-cookie")).as("no session, no cookie").isNull();
        assertThat(page.header("content-security-policy")).contains("default-src 'self'", "script-src 'self'");

        // Every message carried a link of its own, and each still works.
        List<String> tokens = List.of(StatusPages.token(receipt), StatusPages.token(extension));
        assertThat(tokens.get(0)).isNotEqualTo(tokens.get(1));
        assertThat(api.get(null, StatusPages.path(receipt)).status()).isEqualTo(200);

        // At rest: the SHA-256 of each token, and the token nowhere in the database.
        List<byte[]> hashes = db.queryForList("select token_hash from notifier_status_link where device_id = ?::uuid",
                byte[].class, phone.id());
        assertThat(hashes).hasSize(3).allSatisfy(h -> assertThat(h).hasSize(32));
        for (String token : tokens) {
            assertThat(hashes).anySatisfy(h -> assertThat(h).isEqualTo(sha256(token)));
            assertThat(tablesHolding(token)).as("tables holding the token").isEmpty();
        }

        // In no event and no Kafka record: read the topics past this device's last event.
        int events = Await.until(WAIT, () -> history(phone.id()), h -> victimNotified(h) >= 3).size();
        List<ConsumerRecord<String, String>> records = kafkaRecordsUpTo(phone.id(), events);
        for (String token : tokens) {
            assertThat(records).noneSatisfy(r -> assertThat(recordText(r)).contains(token));
            assertThat(history(phone.id()).toString()).doesNotContain(token);
        }

        // And in no log line.
        for (String token : tokens) {
            assertThat(logs.list).noneSatisfy(line -> assertThat(line).contains(token));
        }
    }

    @Test
    void anExpiredAWithdrawnAnErasedAndAMadeUpLinkAllGetTheSamePage() {
        String en = contact("en");
        String enAddress = en + "@example.org";

        // Returned 31 days ago: its links stopped working a day ago. Returned 29 days ago: they still work.
        Device longAgo = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofDays(40))).timeSensitive(false).contact(en).json());
        String longAgoLink = StatusPages.path(mail(enAddress, about(longAgo, "We have your device")));
        assertThat(api.get(null, longAgoLink).status()).as("before the return").isEqualTo(200);
        longAgo.returned(now().minus(Duration.ofDays(31)));
        Device lately = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofDays(35))).timeSensitive(false).contact(en).json());
        lately.returned(now().minus(Duration.ofDays(29)));
        TestMail.Mail latelyReturned = mail(enAddress, about(lately, "has been returned"));
        mail(enAddress, about(longAgo, "has been returned"));
        Api.Response stillWorks = api.get(null, StatusPages.path(latelyReturned));
        assertThat(stillWorks.status()).isEqualTo(200);
        assertThat(stillWorks.text()).contains("Returned", "Your device was returned on");
        // The return was handled before its message went: the earlier link is dead now.
        assertThat(api.get(null, longAgoLink).status()).as("31 days after the return").isEqualTo(404);

        // Withdrawn by an officer of the force: not by the lab, and not by another force.
        Device withdrawn = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(en).json());
        String withdrawnLink = StatusPages.path(mail(enAddress, about(withdrawn, "We have your device")));
        assertThat(api.get(null, withdrawnLink).status()).isEqualTo(200);
        String links = "/api/v1/devices/" + withdrawn.id() + "/status-links";
        assertThat(api.send("lab", "DELETE", links, null, Map.of()).status()).isEqualTo(403);
        assertThat(api.send("met-officer", "DELETE", links, null, Map.of()).status()).isEqualTo(404);
        assertThat(api.get(null, withdrawnLink).status()).isEqualTo(200);
        assertThat(api.send("officer", "DELETE", links, null, Map.of()).status()).isEqualTo(204);
        assertThat(db.queryForList("select action from notifier_contact_audit where contact_reference = ?",
                String.class, en)).contains("STATUS_LINKS_REVOKED");

        // Erased: the contact's details and every link with them.
        String cy = contact("cy");
        Device erased = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(cy).json());
        String erasedLink = StatusPages.path(mail(cy + "@example.org", about(erased, "Dyma ddiweddariad")));
        assertThat(api.get(null, erasedLink).status()).isEqualTo(200);
        assertThat(api.send("officer", "DELETE", "/api/v1/contacts/" + cy, null, Map.of()).status()).isEqualTo(204);
        assertThat(db.queryForObject("select count(*) from notifier_status_link where contact_reference = ?",
                Integer.class, cy)).isZero();

        Api.Response unknown = api.get(null, "/status/" + madeUpToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("Nid yw’r ddolen hon yn gweithio", "This link does not work",
                "<title>Diweddariad am eitem / Update on an item</title>");
        assertPrivateHeaders(unknown);
        for (String dead : List.of(longAgoLink, withdrawnLink, erasedLink, "/status/not-a-link",
                "/status/" + madeUpToken() + "x", "/status/", "/status",
                // Bounded by the token's shape before any work: too long, not its alphabet, deeper paths.
                "/status/" + "A".repeat(4000), "/status/" + madeUpToken().substring(1) + "%C3%A9",
                "/status/" + madeUpToken() + "/" + madeUpToken())) {
            Api.Response response = api.get(null, dead);
            assertThat(response.status()).as(dead).isEqualTo(404);
            assertThat(response.text()).as(dead).isEqualTo(unknown.text());
            assertThat(response.header("content-type")).isEqualTo(unknown.header("content-type"));
            assertPrivateHeaders(response);
            Api.Response english = api.get(null, dead + "?lang=en");
            assertThat(english.text()).isEqualTo(api.get(null, "/status/" + madeUpToken() + "?lang=en").text())
                    .contains("This link does not work").doesNotContain("Nid yw");
        }
    }

    @Test
    void eachLinkAndEachAddressIsAnsweredOnlySoOftenAMinute() throws IOException {
        String ref = contact(null);
        Device phone = Device.seize(api, "officer", "lab",
                Seizure.at(now().minus(Duration.ofHours(1))).timeSensitive(false).contact(ref).json());
        String link = StatusPages.path(mail(ref + "@example.org", about(phone, "Dyma ddiweddariad")));
        Api.Response first = api.get(null, link);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text()).as("unknown preference: Welsh first, then English")
                .contains("Gyda’r heddlu", "With the police");
        assertThat(first.text().indexOf("Gyda’r heddlu")).isLessThan(first.text().indexOf("With the police"));

        Api.Response refused = Await.until(WAIT, () -> api.get(null, link), r -> r.status() != 200);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 60L);
        assertThat(refused.text()).contains("Gormod o geisiadau", "Too many requests", "govuk-exit-this-page")
                .doesNotContain("Gyda’r heddlu");
        assertPrivateHeaders(refused);
        assertThat(api.get(null, "/status/" + madeUpToken()).status()).as("other links are answered").isEqualTo(404);

        // One address asking for link after link (guessing) is stopped too; another address is not.
        int answered = 0;
        int status;
        while ((status = statusFrom("127.0.0.2", "/status/" + madeUpToken())) == 404) {
            answered++;
            assertThat(answered).isLessThanOrEqualTo(perAddress);
        }
        assertThat(status).isEqualTo(429);
        assertThat(answered).isEqualTo(perAddress);
        assertThat(statusFrom("127.0.0.1", "/status/" + madeUpToken())).isEqualTo(404);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Registers a contact of dyfed-powys with an email address at example.org; {@code language} null is unknown. */
    private String contact(String language) {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.send("officer", "PUT", "/api/v1/contacts/" + ref, "{\"channel\":\"EMAIL\","
                + "\"address\":\"" + ref + "@example.org\"," + (language == null ? "" : "\"language\":\"" + language
                + "\",") + "\"safeToContact\":true}", Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return ref;
    }

    private static Predicate<TestMail.Mail> about(Device device, String words) {
        String reference = device.id().substring(0, 8).toUpperCase();
        return m -> m.body().contains(reference) && m.body().contains(words);
    }

    private static TestMail.Mail mail(String address, Predicate<TestMail.Mail> which) {
        return Await.until(WAIT, () -> TestMail.to(address).stream().filter(which).toList(), m -> !m.isEmpty())
                .get(0);
    }

    /** no-referrer (for this path only; the rest of the site says same-origin), noindex and no-store. */
    private static void assertPrivateHeaders(Api.Response response) {
        assertThat(response.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(response.header("x-robots-tag")).isEqualTo("noindex, nofollow");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.header("set-cookie")).isNull();
    }

    private static String madeUpToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** Every table of the database with a row whose text holds {@code token}, as text or as bytes (hex). */
    private List<String> tablesHolding(String token) {
        String hex = HexFormat.of().formatHex(token.getBytes(StandardCharsets.US_ASCII));
        List<String> found = new ArrayList<>();
        for (String table : db.queryForList("select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE'", String.class)) {
            Integer rows = db.queryForObject("select count(*) from \"" + table + "\" t where strpos(t::text, ?) > 0 "
                    + "or strpos(t::text, ?) > 0", Integer.class, token, hex);
            if (rows != null && rows > 0) {
                found.add(table);
            }
        }
        return found;
    }

    private static int victimNotified(com.fasterxml.jackson.databind.JsonNode history) {
        int n = 0;
        for (var event : history) {
            if ("VictimNotified".equals(event.get("type").asText())) {
                n++;
            }
        }
        return n;
    }

    /** Every record of every topic, read until {@code events} of the device's arrived. */
    private List<ConsumerRecord<String, String>> kafkaRecordsUpTo(String deviceId, int events) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "status-link-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new StringDeserializer(), new StringDeserializer())) {
            // Every topic the broker has (Kafka's internal ones excluded), not a list that could miss a new one.
            consumer.subscribe(Pattern.compile(".*"));
            Await.until(WAIT, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().filter(r -> r.topic().equals("custody.events.v1")
                        && deviceId.equals(r.key())).count();
            }, n -> n >= events);
        }
        return records;
    }

    private static String recordText(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder(record.key() + " " + record.value());
        for (Header header : record.headers()) {
            text.append(' ').append(header.key()).append('=')
                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** A GET from a chosen local address (any of 127.0.0.0/8 reaches this host), by hand: no client lets us bind. */
    private int statusFrom(String localAddress, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
