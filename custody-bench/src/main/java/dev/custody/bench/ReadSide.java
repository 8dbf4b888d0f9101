package dev.custody.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Extension point for the read-side measurements of issue 5 (part 2), against the endpoints the read side is
 * being built to offer. Each measurement first checks that its endpoint answers; while it does not, the
 * measurement reports "n/a: endpoint missing" and costs nothing.
 * <ul>
 *   <li>Projection lag: from a command's 2xx until {@code GET /api/v1/devices/{id}} shows a {@code version} at
 *   least the command's, under the open-loop load.</li>
 *   <li>Replay: a separate database bulk-loaded with {@code --replay-events} events ({@link EventStoreLoader}),
 *   then {@code POST /api/v1/admin/projections/rebuild} (dev user {@code admin}) and polling
 *   {@code GET /api/v1/admin/projections} until every processor's {@code position} reaches {@code head}.</li>
 *   <li>Alert detection: with {@code --open-records} open records loaded, a victim's phone seized 20 hours ago
 *   less a few seconds, so the 24-hour return rule's 20-hour warning falls due during the run; the time from the due
 *   time until {@code GET /api/v1/alerts?deviceId=} lists an alert.</li>
 *   <li>Reports: the time {@code GET /api/v1/reports/retention} takes over those records.</li>
 * </ul>
 * Part 2 is expected to refine these (for instance the work done per alert scan, read from the server's metrics).
 */
final class ReadSide {

    /** One row of the report. */
    record Outcome(String measurement, String result, String target, String verdict) {
        static Outcome na(String measurement, String target, String why) {
            return new Outcome(measurement, "n/a: " + why, target, "n/a");
        }
    }

    static final String ADMIN = MiniHttp.basic("admin", Lifecycle.PASSWORD);
    static final String SUPERVISOR = MiniHttp.basic("supervisor", Lifecycle.PASSWORD);

    private static final String LAG = "projection lag (command 2xx to GET /devices/{id} showing it)";
    private static final String QUIET_LAG = "projection lag, no other load (one client)";
    private static final int QUIET_SAMPLES = 300;
    private static final String REPLAY = "replay: rebuild all projections";
    private static final String ALERT = "alert detection (due time to alert listed)";
    private static final String REPORT = "retention report";
    private static final String HEAP = "server peak heap with the read-side data set";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchConfig config;
    private final Database db;
    private final int port;
    private final Consumer<String> log;

    ReadSide(BenchConfig config, Database db, int port, Consumer<String> log) {
        this.config = config;
        this.db = db;
        this.port = port;
        this.log = log;
    }

    /**
     * Runs on the main server after the open loop: first {@value #QUIET_SAMPLES} samples with nothing else running,
     * the lag of the read side itself, then while {@code background} offers the open-loop load, the lag a user sees
     * on a busy machine (where the GET itself waits for a core).
     */
    List<Outcome> projectionLag(Callable<?> background) throws Exception {
        String target = "p99 < 100 ms";
        if (config.readSide.equals("off")) {
            return List.of(Outcome.na(LAG, target, "switched off (--read-side=off)"));
        }
        try (MiniHttp http = new MiniHttp("localhost", port)) {
            Lifecycle probe = new Lifecycle(new SplittableRandom(1), 999_999);
            if (!send(http, probe)) {
                return List.of(Outcome.na(LAG, target, "could not seize a probe device"));
            }
            // The probe polls gently: while the endpoint is missing it would only produce 404s.
            int status = awaitVersion(http, probe.deviceId(), probe.version(), Duration.ofSeconds(10), 20_000_000);
            if (status != 200) {
                return List.of(Outcome.na(LAG, target, status == 404
                        ? "endpoint missing (GET /api/v1/devices/{id} answers 404)" : "GET /api/v1/devices/{id} answers " + status));
            }
            log.accept("projection lag with no other load");
            LagSampler sampler = new LagSampler(http);
            List<Long> quiet = new ArrayList<>();
            while (quiet.size() < QUIET_SAMPLES) {
                sampler.sample(quiet);
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            log.accept("projection lag under the open-loop load");
            Thread load = new Thread(() -> {
                try {
                    background.call();
                } catch (Exception e) {
                    log.accept("background load failed: " + e);
                }
            }, "lag-background");
            load.start();
            List<Long> busy = new ArrayList<>();
            while (load.isAlive()) {
                sampler.sample(busy);
            }
            load.join();
            return List.of(lagOutcome(QUIET_LAG, quiet, target), lagOutcome(LAG + ", under the open-loop load", busy, target));
        }
    }

    /** Drives one lifecycle after another, one command at a time, timing each until the read side shows it. */
    private static final class LagSampler {

        private final MiniHttp http;
        private int serial = 1_000_001;
        private Lifecycle current = new Lifecycle(new SplittableRandom(2), 1_000_000);

        LagSampler(MiniHttp http) {
            this.http = http;
        }

        /** Sends the next command, then adds the time until its version shows to {@code lags}. */
        void sample(List<Long> lags) throws IOException {
            if (current.done()) {
                next();
            }
            if (!send(http, current)) {
                next();
                return;
            }
            long acknowledged = System.nanoTime();
            if (awaitVersion(http, current.deviceId(), current.version(), Duration.ofSeconds(10), 1_000_000) == 200) {
                lags.add(System.nanoTime() - acknowledged);
            }
        }

        private void next() {
            current = new Lifecycle(new SplittableRandom(serial), serial++);
        }
    }

    private static Outcome lagOutcome(String measurement, List<Long> lags, String target) {
        Latencies.Summary s = Latencies.summarise(lags.stream().mapToLong(Long::longValue).toArray());
        return new Outcome(measurement, "%s (%d samples)".formatted(s.brief(), s.count()), target,
                Report.atMost(s.p99(), 100, "ms"));
    }

    /** Replay, alert detection, reports and the heap with a large store: a separate database and server. */
    List<Outcome> bulk() throws Exception {
        List<Outcome> out = new ArrayList<>();
        if (config.readSide.equals("off")) {
            for (String m : List.of(REPLAY, ALERT, REPORT)) {
                out.add(Outcome.na(m, "", "switched off (--read-side=off)"));
            }
            return out;
        }
        String database = config.database + "_readside";
        db.recreate(database);
        List<String> args = List.of("--custody.roles.publisher=false");
        Probe probe;
        try (ServerProcess server = ServerProcess.start(config, db, db.urlOf(database), "server-readside-probe", args)) {
            probe = probe(server.port());
        }
        if (!probe.any()) {
            out.add(Outcome.na(REPLAY, ">= 50,000 events/s", probe.projections));
            out.add(Outcome.na(ALERT, "< 1 s", probe.alerts));
            out.add(Outcome.na(REPORT, "< 1 s", probe.reports));
            return out;
        }
        log.accept("loading %,d events with %,d open records".formatted(config.replayEvents, config.openRecords));
        EventStoreLoader.Loaded loaded;
        try (Connection c = db.connect(database)) {
            loaded = new EventStoreLoader(Instant.now()).load(c, config.replayEvents, config.openRecords, log);
        }
        log.accept("loaded %,d events of %,d devices in %d s".formatted(loaded.events(), loaded.devices(), loaded.took().toSeconds()));
        try (ServerProcess server = ServerProcess.start(config, db, db.urlOf(database), "server-readside", args)) {
            MemorySampler sampler = server.sampleMemory();
            try (MiniHttp http = new MiniHttp("localhost", server.port())) {
                out.add(probe.projections == null ? replay(http, loaded.events())
                        : Outcome.na(REPLAY, ">= 50,000 events/s", probe.projections));
                out.add(probe.alerts == null ? alert(http, database) : Outcome.na(ALERT, "< 1 s", probe.alerts));
                out.add(probe.reports == null ? report(http) : Outcome.na(REPORT, "< 1 s", probe.reports));
            }
            MemorySampler.Peaks peaks = sampler.peaks();
            out.add(new Outcome(HEAP, "%s sampled; live data after GC %s; RSS %s".formatted(Report.mib(peaks.heapUsedBytes()),
                    Report.mib(peaks.liveDataBytes()), Report.mib(peaks.rssBytes())), "< 512 MiB",
                    Report.atMost(peaks.heapUsedBytes() / 1048576.0, 512, "MiB")));
        }
        return out;
    }

    /** Which endpoints answer; each field is null when present, otherwise why not. */
    private record Probe(String projections, String alerts, String reports) {
        boolean any() {
            return projections == null || alerts == null || reports == null;
        }
    }

    private Probe probe(int serverPort) throws IOException {
        try (MiniHttp http = new MiniHttp("localhost", serverPort)) {
            return new Probe(
                    missing(http.get("/api/v1/admin/projections", ADMIN), "GET /api/v1/admin/projections (dev user admin)"),
                    missing(http.get("/api/v1/alerts?deviceId=" + UUID.randomUUID(), SUPERVISOR), "GET /api/v1/alerts"),
                    missing(http.get("/api/v1/reports/retention", ServerProcess.INSPECTOR), "GET /api/v1/reports/retention"));
        }
    }

    private static String missing(MiniHttp.Response response, String what) {
        return switch (response.status()) {
            case 200 -> null;
            case 404 -> "endpoint missing (" + what + " answers 404)";
            case 401 -> "no such dev user (" + what + " answers 401)";
            default -> what + " answers " + response.status();
        };
    }

    private Outcome replay(MiniHttp http, long events) throws IOException, InterruptedException {
        String target = ">= 50,000 events/s";
        long start = System.nanoTime();
        MiniHttp.Response rebuild = http.send("POST", "/api/v1/admin/projections/rebuild", ADMIN, null, "{}");
        if (!rebuild.ok()) {
            return Outcome.na(REPLAY, target, "POST /api/v1/admin/projections/rebuild answers " + rebuild.status());
        }
        long deadline = start + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            MiniHttp.Response status = http.get("/api/v1/admin/projections", ADMIN);
            if (status.ok() && caughtUp(JSON.readTree(status.body()))) {
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = events / seconds;
                return new Outcome(REPLAY, "**%s events/s** (%,d events in %.1f s)".formatted(Report.fmt(rate), events, seconds),
                        target, Report.atLeast(rate, 50_000, "events/s"));
            }
        }
        return new Outcome(REPLAY, "not caught up within 30 min", target, "**missed**");
    }

    /**
     * True when every processor listed is LIVE again after the rebuild and has caught up with the head of the store
     * ({@code GET /api/v1/admin/projections}: {@code state}, {@code caughtUp}); for other shapes, when each
     * {@code position} has reached its {@code head}.
     */
    static boolean caughtUp(JsonNode node) {
        if (node.isArray() && node.size() > 0 && node.get(0).has("caughtUp")) {
            for (JsonNode p : node) {
                if (!"LIVE".equals(p.path("state").asText()) || !p.path("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return true;
        }
        List<long[]> pairs = new ArrayList<>();
        collect(node, pairs);
        return !pairs.isEmpty() && pairs.stream().allMatch(p -> p[0] >= p[1]);
    }

    private static void collect(JsonNode node, List<long[]> pairs) {
        if (node.isObject() && node.has("position") && node.has("head")) {
            pairs.add(new long[]{node.get("position").asLong(-1), node.get("head").asLong(Long.MAX_VALUE)});
        }
        node.forEach(child -> collect(child, pairs));
    }

    private Outcome alert(MiniHttp http, String database) throws Exception {
        String target = "< 1 s";
        // A bulk-loaded store has never been judged: every open record's overdue deadlines are raised first. Wait
        // for that backlog to clear, so the probe measures the steady state the target is about.
        long backlogStart = System.nanoTime();
        long alertsBefore = count(database, "select count(*) from alert");
        long backlog;
        do {
            Thread.sleep(1000);
            backlog = count(database, "select count(*) from device_status where next_fire_at <= now()");
        } while (backlog > 0 && System.nanoTime() - backlogStart < Duration.ofMinutes(30).toNanos());
        double backlogSeconds = (System.nanoTime() - backlogStart) / 1e9;
        long raisedInBacklog = count(database, "select count(*) from alert") - alertsBefore;
        log.accept("alert backlog cleared: %,d alerts in %.0f s".formatted(raisedInBacklog, backlogSeconds));
        double[] rowsBefore = scanRows(http);
        Duration warning = Duration.ofHours(20);
        Instant due = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Lifecycle victim = new Lifecycle(new SplittableRandom(3), 2_000_000, "VICTIM");
        Lifecycle.Step seize = victim.seizureAt(due.minus(warning));
        MiniHttp.Response seized = http.send("POST", seize.path(), seize.authorization(), null, seize.body());
        if (!seized.ok()) {
            return Outcome.na(ALERT, target, "seizure refused: " + seized.status());
        }
        String id = Lifecycle.field(seized.body(), "deviceId");
        Instant giveUp = due.plusSeconds(120);
        while (Instant.now().isBefore(giveUp)) {
            MiniHttp.Response alerts = http.get("/api/v1/alerts?deviceId=" + id, SUPERVISOR);
            if (alerts.ok() && alerts.body().contains(id)) {
                double seconds = Duration.between(due, Instant.now()).toMillis() / 1000.0;
                double[] rowsAfter = scanRows(http);
                double scans = rowsAfter[0] - rowsBefore[0];
                String work = scans <= 0 ? "" : "; %.2f devices examined per scan over %.0f scans".formatted(
                        (rowsAfter[1] - rowsBefore[1]) / scans, scans);
                return new Outcome(ALERT, ("%.2f s after the 20 h warning fell due (%,d open records%s); before it, "
                        + "the bulk-loaded backlog of %,d alerts was raised in %.0f s").formatted(seconds,
                        config.openRecords, work, raisedInBacklog, backlogSeconds), target, Report.atMost(seconds, 1, "s"));
            }
            Thread.sleep(20);
        }
        return new Outcome(ALERT, "no alert within 120 s of its due time", target, "**missed**");
    }

    private long count(String database, String sql) throws Exception {
        try (Connection c = db.connect(database); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {count, sum} of the engine's custody_alerts_scan_rows summary, from the server's Prometheus endpoint. */
    private static double[] scanRows(MiniHttp http) throws IOException {
        String text = http.get("/actuator/prometheus", ServerProcess.SCRAPER).body();
        return new double[]{metric(text, "custody_alerts_scan_rows_count"), metric(text, "custody_alerts_scan_rows_sum")};
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private Outcome report(MiniHttp http) throws IOException {
        String target = "< 1 s";
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            MiniHttp.Response r = http.get("/api/v1/reports/retention", ServerProcess.INSPECTOR);
            times[i] = System.nanoTime() - t0;
            if (!r.ok()) {
                return Outcome.na(REPORT, target, "GET /api/v1/reports/retention answers " + r.status());
            }
        }
        Arrays.sort(times);
        double median = times[2] / 1e9;
        return new Outcome(REPORT, "median %.3f s, max %.3f s of 5 (%,d open records)".formatted(median, times[4] / 1e9,
                config.openRecords), target, Report.atMost(median, 1, "s"));
    }

    private static boolean send(MiniHttp http, Lifecycle lifecycle) throws IOException {
        Lifecycle.Step step = lifecycle.next();
        String headers = "Idempotency-Key: lag-" + UUID.randomUUID() + "\r\n";
        MiniHttp.Response r = http.send("POST", step.path(), step.authorization(), headers, step.body());
        if (r.ok()) {
            lifecycle.accepted(step, r);
        }
        return r.ok();
    }

    /** Polls the device's read model until it shows {@code version}; the last status (200 when shown). */
    private static int awaitVersion(MiniHttp http, String id, long version, Duration timeout, long pollNanos) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            MiniHttp.Response r = http.get("/api/v1/devices/" + id, Lifecycle.OFFICER);
            status = r.status();
            if (r.ok()) {
                JsonNode v = JSON.readTree(r.body()).get("version");
                if (v != null && v.asLong() >= version) {
                    return 200;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pollNanos);
        }
        return status == 200 ? 0 : status;
    }
}
