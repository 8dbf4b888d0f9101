package dev.custody.dev;

import dev.custody.embedded.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's dev run, {@code java -jar custody-dev/target/custody-dev.jar}, as a developer lives it: it starts
 * with the dev users on and its banner among the last lines of the log; killed with {@code kill -9} (JVM and
 * watchdog), it leaves its PostgreSQL running, and the next start still works first time, with the data kept; Ctrl-C
 * (or SIGTERM) stops it cleanly, with no ERROR and no stack trace, and its PostgreSQL with it.
 */
class DevRunIT {

    private static final Duration START = Duration.ofMinutes(4);
    /** Lines the log may gain after the banner once started: the notifier's partition assignment, say. */
    private static final int LINES_AFTER_BANNER = 10;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aDevRunStartsQuietlySurvivesAKillOfItsJvmAndStopsCleanly() throws Exception {
        Path work = Path.of("target", "dev-run-" + UUID.randomUUID()).toAbsolutePath();
        Path dataDir = work.resolve("postgres");
        Files.createDirectories(work);

        // 1. First start, on a fresh data directory: the banner with the URL and the dev users comes last.
        DevRun first = DevRun.start(work.resolve("first.log"), dataDir);
        first.awaitReady();
        List<String> log = first.awaitQuietLog();
        int banner = indexOf(log, "Custody is running at http://localhost:" + first.port);
        assertThat(banner).as("banner line").isNotNegative();
        assertThat(String.join("\n", log.subList(banner, log.size()))).contains("Dev users", "officer", "met-lab",
                "embedded PostgreSQL", "embedded KRaft broker");
        assertThat(log.size() - banner).as("lines from the banner to the end of the start-up log")
                .isLessThanOrEqualTo(LINES_AFTER_BANNER + 25);
        int afterUsers = indexOf(log, "admin        ADMIN");
        assertThat(log.size() - 1 - afterUsers).as("lines after the banner").isLessThanOrEqualTo(LINES_AFTER_BANNER);
        System.out.printf("[dev run] start-up log: %d lines, banner at line %d, %d line(s) after it%n",
                log.size(), banner + 1, log.size() - 1 - afterUsers);
        String device = first.seize();

        // 2. kill -9 of the JVM and of its PostgreSQL watchdog: the postmaster is orphaned.
        first.killWithDescendants();
        assertThat(LocalPostgres.runningUnder(dataDir)).as("PostgreSQL left running by the killed JVM").isNotEmpty();

        // 3. The next start works first time, on the same data.
        DevRun second = DevRun.start(work.resolve("second.log"), dataDir);
        try {
            second.awaitReady();
            assertThat(second.get("/api/v1/devices/" + device)).as("the device seized before the kill").isEqualTo(200);
            assertThat(Files.readString(second.log)).contains("had left running on " + dataDir);
            second.awaitQuietLog();
        } finally {
            // 4. Ctrl-C: an orderly stop, no error, PostgreSQL stopped too.
            int linesBefore = Files.readAllLines(second.log).size();
            String signal = second.interrupt();
            assertThat(second.process.waitFor(90, TimeUnit.SECONDS)).as("stopped after SIG" + signal).isTrue();
            List<String> shutdown = Files.readAllLines(second.log);
            shutdown = shutdown.subList(Math.min(linesBefore, shutdown.size()), shutdown.size());
            System.out.printf("[dev run] SIG%s: exit %d, %d line(s) of shutdown log%n", signal,
                    second.process.exitValue(), shutdown.size());
            assertThat(shutdown).as("shutdown log after SIG" + signal)
                    .noneMatch(l -> l.contains(" ERROR ") || l.startsWith("\tat ") || l.contains("Exception"));
            assertThat(second.process.exitValue()).isIn(130, 143);
            awaitTrue(Duration.ofSeconds(30), () -> LocalPostgres.runningUnder(dataDir).isEmpty());
        }
    }

    /** One {@code java -jar custody-dev.jar} process. */
    private record DevRun(Process process, Path log, int port) {

        static DevRun start(Path log, Path dataDir) throws IOException {
            int port = freePort();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-jar", System.getProperty("custody.dev.jar"), "--server.port=" + port,
                    "--custody.embedded-postgres.data-dir=" + dataDir)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new DevRun(process, log, port);
        }

        void awaitReady() throws Exception {
            awaitTrue(START, () -> {
                assertThat(process.isAlive()).as("the dev run exited; see " + log).isTrue();
                return get("/actuator/health/readiness") == 200 && logText().contains("Custody is running");
            });
        }

        /** The log once it has not grown for three seconds. */
        List<String> awaitQuietLog() throws Exception {
            long[] last = {-1, System.nanoTime()};
            awaitTrue(Duration.ofMinutes(1), () -> {
                long size = log.toFile().length();
                if (size != last[0]) {
                    last[0] = size;
                    last[1] = System.nanoTime();
                }
                return System.nanoTime() - last[1] > TimeUnit.SECONDS.toNanos(3);
            });
            return Files.readAllLines(log);
        }

        String seize() throws Exception {
            Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String body = """
                    {"occurredAt":"%s","caseReference":"DP-2026-0042",
                     "device":{"type":"MOBILE_PHONE","description":"Black iPhone 13","sealNumber":"SEAL-001"},
                     "ownerRole":"VICTIM",
                     "legal":{"purpose":"CRIME","basis":"PCSC_S37_AGREEMENT",
                       "justification":{"lineOfEnquiry":"Messages from the suspect in March",
                         "necessityAndProportionality":"The messages exist only on this phone",
                         "alternativesConsidered":"Screenshots were offered but cannot show deleted messages",
                         "thirdPartyDataLikely":true},
                       "notice":{"version":"DPN-2024-03","language":"EN","elementsConfirmed":["INFORMATION_SOUGHT",
                         "REASON_SOUGHT","HOW_IT_WILL_BE_HANDLED","MAY_REFUSE",
                         "REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION"]},
                       "agreement":{"givenBy":"DEVICE_USER","agreedAt":"%s"}},
                     "scope":{"from":"2026-01-01","to":"2026-03-31","categories":["MESSAGES"]},
                     "victimCare":{"tier":"ENHANCED","updateEveryDays":14}}""".formatted(at, at.minusSeconds(300));
            HttpResponse<String> response = HTTP.send(request("/api/v1/devices")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return response.body().replaceAll("(?s).*\"deviceId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }

        int get(String path) {
            try {
                return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("officer:custody".getBytes(StandardCharsets.UTF_8)));
        }

        void killWithDescendants() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /**
         * Ctrl-C, as a terminal sends it: SIGINT. A JVM started with SIGINT ignored (a background job of a
         * non-interactive shell, as some CI runners start builds) cannot receive it, so then SIGTERM, which the dev
         * run handles the same way.
         */
        String interrupt() throws Exception {
            String signal = sigintIgnored() ? "TERM" : "INT";
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            return signal;
        }

        private boolean sigintIgnored() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).trim(), 16) & 2) != 0;
                }
            }
            return false;
        }

        private String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
