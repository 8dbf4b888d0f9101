package dev.custody.bench;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark of issue 5. One run, on one database, measures:
 * <ol>
 *   <li>commands over HTTP, closed loop (maximum throughput) then open loop at half that rate (latency);</li>
 *   <li>the raw PostgreSQL limit: single-row INSERT transactions of a stored event's size, same concurrency;</li>
 *   <li>the read side (projection lag, replay, alert detection, reports), each skipped with "n/a" while its
 *   endpoint is missing;</li>
 *   <li>the server's peak RSS and heap throughout.</li>
 * </ol>
 * It prints the results and appends them, with the machine and settings, to docs/benchmarks.md.
 */
public final class Bench {

    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_P99_MS = 50;
    private static final long TARGET_HEAP = 512L * 1024 * 1024;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BenchConfig config = BenchConfig.parse(args);
        if (config.help()) {
            System.out.println(BenchConfig.describe());
            return;
        }
        Files.createDirectories(config.workDir);
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        log("work directory " + config.workDir);
        try (Database db = Database.start(config)) {
            db.recreate(config.database);
            log("PostgreSQL " + db.version() + ", " + db.kind() + ", database " + config.database);
            if (config.get("pages", "off").equals("only")) {
                // Issue 10's page speed alone, printed, never appended (docs/benchmarks.md quotes it by hand).
                for (ReadSide.Outcome o : new PagesBench(config, db, Bench::log).run()) {
                    log(o.measurement() + ": " + o.result() + " (target " + o.target() + ": " + o.verdict() + ")");
                }
                return;
            }
            if (config.readSide.equals("only")) {
                // Development of the read side: the bulk measurements alone, printed, never appended.
                for (ReadSide.Outcome o : new ReadSide(config, db, 0, Bench::log).bulk()) {
                    log(o.measurement() + ": " + o.result() + " (target " + o.target() + ": " + o.verdict() + ")");
                }
                return;
            }
            Report report = config.compare() ? Compare.run(config, db, started) : run(config, db, started);
            System.out.println();
            System.out.println(report.markdown());
            if (config.append) {
                Path docs = config.repo.resolve("docs/benchmarks.md");
                report.appendTo(docs);
                log("appended to " + docs);
            }
        }
    }

    private static Report run(BenchConfig config, Database db, ZonedDateTime started) throws Exception {
        Map<String, String> settings = db.settings();
        String pgVersion = db.version();
        String commit = git(config.repo);
        String label = config.label.isBlank() ? "" : " (" + config.label + ")";
        Report report = new Report(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + ", commit " + commit + label);

        log("starting the server");
        CommandLoad.Result closed;
        CommandLoad.Result open;
        RawInsertLoad.Result raw;
        RawInsertLoad.EventSize size;
        MemorySampler.Peaks memory;
        double walPerCommand;
        CpuMeter.Usage closedCpu;
        List<ReadSide.Outcome> readSide;
        String serverCommand;
        try (ServerProcess server = ServerProcess.start(config, db, db.url(), "server", List.of())) {
            serverCommand = server.commandLine();
            MemorySampler sampler = server.sampleMemory();
            CommandLoad load = new CommandLoad("localhost", server.port(), config.idempotencyKeys, config.ifMatch);

            log("closed loop: %d clients, %d s warm-up, %d s measured".formatted(config.concurrency,
                    config.warmup.toSeconds(), config.closedLoop.toSeconds()));
            String walBefore = walPosition(db);
            CpuMeter cpu = new CpuMeter(server.pid());
            CpuMeter.Sample[] window = new CpuMeter.Sample[2];
            Thread meter = new Thread(() -> {
                try {
                    Thread.sleep(config.warmup.toMillis());
                    window[0] = cpu.sample();
                    Thread.sleep(config.closedLoop.toMillis());
                    window[1] = cpu.sample();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cpu-meter");
            meter.start();
            closed = load.closedLoop(config.concurrency, config.warmup, config.closedLoop);
            meter.join();
            closedCpu = window[1] == null ? null : CpuMeter.between(window[0], window[1]);
            walPerCommand = walBytes(db, walBefore) / (double) Math.max(1, load.completedTotal());
            log("closed loop: %.0f commands/s, %s, %d failed".formatted(closed.perSecond(), closed.latency().brief(), closed.failed()));

            double rate = Math.max(1, closed.perSecond() * config.openLoopFraction);
            readSide = new ArrayList<>();
            if (config.openLoop.isZero()) {
                open = null;
            } else {
                log("open loop: %.0f commands/s for %d s".formatted(rate, config.openLoop.toSeconds()));
                open = load.openLoop(rate, config.openLoop, Math.max(32, config.concurrency * 2), config.concurrency);
                log("open loop: %.0f commands/s, %s, %d failed".formatted(open.perSecond(), open.latency().brief(), open.failed()));
                readSide.addAll(new ReadSide(config, db, server.port(), Bench::log).projectionLag(() -> load.openLoop(rate,
                        Duration.ofSeconds(20), Math.max(32, config.concurrency * 2), config.concurrency)));
            }

            awaitPublisher(db, Duration.ofSeconds(120));
            RawInsertLoad rawLoad = new RawInsertLoad(db);
            size = rawLoad.measureEventSize();
            log("stored %d events, mean payload %.0f B + metadata %.0f B".formatted(size.events(), size.payloadBytes(), size.metaDataBytes()));
            if (config.rawInsert.isZero()) {
                raw = null;
            } else {
                log("raw INSERT limit: %d connections, %d s".formatted(config.concurrency, config.rawInsert.toSeconds()));
                raw = rawLoad.run(config.concurrency, Duration.ofSeconds(3), config.rawInsert, size);
                log("raw INSERT limit: %.0f TPS, %s".formatted(raw.perSecond(), raw.latency().brief()));
            }
            memory = sampler.peaks();
        }
        if (open != null) {
            readSide.addAll(new ReadSide(config, db, 0, Bench::log).bulk());
        }

        report.context("Machine: %d cores (%s), %s RAM, %s; JDK %s".formatted(Runtime.getRuntime().availableProcessors(),
                cpuModel(), memTotal(), osName(), System.getProperty("java.version")));
        report.context("PostgreSQL %s, %s; %s".formatted(pgVersion, db.kind().replaceAll(" \\d+\\)", ")"),
                settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        report.context("Server: `%s`".formatted(serverCommand.replaceAll("--spring.datasource.url=\\S+", "--spring.datasource.url=…")
                .replaceAll("--server.port=\\d+ ", "").replaceAll("^\\S*/bin/java", "java")));
        report.context(("Load: %d concurrent clients; warm-up %d s, closed loop %d s, open loop %d s at %.0f%% of the "
                        + "closed-loop rate, raw INSERTs %d s; Idempotency-Key %s, If-Match %s; bench arguments: %s").formatted(
                config.concurrency, config.warmup.toSeconds(), config.closedLoop.toSeconds(), config.openLoop.toSeconds(),
                config.openLoopFraction * 100, config.rawInsert.toSeconds(), config.idempotencyKeys ? "on" : "off",
                config.ifMatch ? "on" : "off", config.given()));
        report.context("Stored events after the command phases: %,d, mean payload %.0f B + metadata %.0f B".formatted(
                size.events(), size.payloadBytes(), size.metaDataBytes()));

        if (raw != null) {
            report.row("raw PostgreSQL limit: single-row INSERT of %d B, autocommit".formatted(raw.rowBytes()),
                    "**%s TPS** (p50 %.1f ms, p99 %.1f ms)".formatted(Report.fmt(raw.perSecond()), raw.latency().p50(), raw.latency().p99()),
                    "", "");
        }
        report.row("commands, closed loop (max throughput)",
                "**%s /s**; %s; %,d commands, %d failed".formatted(Report.fmt(closed.perSecond()), closed.latency().brief(),
                        closed.commands(), closed.failed()), "", "");
        if (raw != null) {
            double ratio = closed.perSecond() / raw.perSecond();
            report.row("commands / raw limit", "**%.1f %%**".formatted(100 * ratio), ">= 50 %",
                    Report.atLeast(100 * ratio, 100 * TARGET_RATIO, "points"));
        }
        if (open != null) {
            report.row("commands, open loop at %s /s (%.0f%% of max)".formatted(Report.fmt(open.perSecond()), config.openLoopFraction * 100),
                    "%s; %,d commands, %d failed".formatted(open.latency().brief(), open.commands(), open.failed()),
                    "p99 < 50 ms", Report.atMost(open.latency().p99(), TARGET_P99_MS, "ms"));
        }
        for (ReadSide.Outcome outcome : readSide) {
            report.row(outcome.measurement(), outcome.result(), outcome.target(), outcome.verdict());
        }
        if (closedCpu != null) {
            report.row("CPU during the closed loop", "%s; server CPU per command %.2f ms".formatted(closedCpu.brief(),
                    1000 * closedCpu.processCores() / closed.perSecond()), "", "");
        }
        report.row("WAL written per command (closed loop, warm-up included)", "%,.0f B".formatted(walPerCommand), "", "");
        report.row("server peak RSS", "%s (VmHWM %s)".formatted(Report.mib(memory.rssBytes()), Report.mib(memory.hwmBytes())), "", "");
        report.row("server peak heap used", "%s sampled (%d samples); live data after GC %s; max heap %s".formatted(
                        Report.mib(memory.heapUsedBytes()), memory.heapSamples(), Report.mib(memory.liveDataBytes()),
                        Report.mib(memory.heapMaxBytes())),
                "< 512 MiB", memory.heapSamples() == 0 ? "n/a" : Report.atMost(memory.heapUsedBytes() / 1048576.0, TARGET_HEAP / 1048576.0, "MiB"));

        StringBuilder kinds = new StringBuilder("Closed-loop latency by command (p50 / p99 ms): ");
        closed.byKind().forEach((kind, s) -> kinds.append("%s %.1f / %.1f (%d); ".formatted(kind.name().toLowerCase(), s.p50(), s.p99(), s.count())));
        report.note(kinds.toString().trim());
        report.note("");
        report.note("Open-loop latency is measured from each command's scheduled send time. Lifecycles completed: "
                + closed.lifecyclesCompleted() + " closed loop" + (open == null ? "" : ", " + open.lifecyclesCompleted() + " open loop") + ".");
        if (closed.failed() > 0 || (open != null && open.failed() > 0)) {
            report.note("");
            report.note("Failures: " + closed.failures() + (open == null ? "" : " " + open.failures()) + "; samples: "
                    + closed.failureSamples() + (open == null ? "" : open.failureSamples()));
        }
        return report;
    }

    /**
     * Waits until the Kafka publisher has published every stored event, so the raw phase runs on an idle server.
     * The tokens are JSON (gap-aware tokens of the JDBC store: {@code {"index":n,"gaps":[…]}}); the lowest index over
     * the segments is how far every segment has got.
     */
    private static void awaitPublisher(Database db, Duration timeout) throws SQLException, InterruptedException {
        Pattern index = Pattern.compile("\"(?:globalIndex|index)\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                long head;
                try (ResultSet rs = s.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
                    rs.next();
                    head = rs.getLong(1);
                }
                long lowest = Long.MAX_VALUE;
                int segments = 0;
                try (ResultSet rs = s.executeQuery("select convert_from(token, 'UTF8') from token_entry "
                        + "where processor_name = 'kafka-publisher'")) {
                    while (rs.next()) {
                        segments++;
                        Matcher m = index.matcher(rs.getString(1) == null ? "" : rs.getString(1));
                        lowest = Math.min(lowest, m.find() ? Long.parseLong(m.group(1)) : 0);
                    }
                }
                if (segments > 0 && lowest >= head) {
                    log("the Kafka publisher has published all %,d events".formatted(head));
                    return;
                }
                Thread.sleep(500);
            }
        }
        log("the Kafka publisher did not catch up within " + timeout + "; the raw phase runs beside it");
    }

    private static String walPosition(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_current_wal_lsn()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long walBytes(Database db, String since) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + since + "')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void log(String message) {
        System.out.printf("[bench %s] %s%n", java.time.LocalTime.now().withNano(0), message);
    }

    private static String git(Path repo) {
        try {
            String head = exec(repo, "git", "rev-parse", "--short", "HEAD").trim();
            String dirty = exec(repo, "git", "status", "--porcelain", "--untracked-files=no").isBlank() ? "" : "-dirty";
            return head + dirty;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> "%.1f GiB".formatted(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
