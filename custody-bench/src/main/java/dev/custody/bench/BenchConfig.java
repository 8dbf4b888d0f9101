package dev.custody.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's settings, from {@code --name=value} arguments. Every setting has a default that suits this 2-core
 * machine; {@link #describe()} lists them for {@code --help} and for the report.
 */
final class BenchConfig {

    /** Repository root: where {@code custody-dev/target/custody-dev.jar} and {@code docs/} are. */
    final Path repo;
    /** Admin JDBC URL of an existing PostgreSQL (e.g. the machine's PostgreSQL 15); empty for the embedded one. */
    final String pgUrl;
    final String pgUser;
    final String pgPassword;
    /** Name of the database created afresh for the run. */
    final String database;
    /** Concurrent HTTP clients, and concurrent connections of the raw INSERT phase. */
    final int concurrency;
    final Duration warmup;
    final Duration closedLoop;
    final Duration openLoop;
    final Duration rawInsert;
    /** Fraction of the closed-loop rate the open-loop phase offers. */
    final double openLoopFraction;
    final boolean idempotencyKeys;
    final boolean ifMatch;
    final String serverJar;
    final List<String> serverJvmArgs;
    final List<String> serverArgs;
    /** Record a JFR profile of the server into the work directory. */
    final boolean jfr;
    final Path workDir;
    /** Append the results to docs/benchmarks.md. */
    final boolean append;
    /** Free text put in the report's heading, e.g. "noisy development run". */
    final String label;
    /** Read-side measurements (projection lag, replay, alerts, reports): auto skips those whose endpoints are missing. */
    final String readSide;
    final long replayEvents;
    final int openRecords;
    private final Map<String, String> raw;

    private BenchConfig(Map<String, String> a) {
        this.raw = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(a));
        repo = Path.of(a.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        pgUrl = a.getOrDefault("pg-url", "");
        pgUser = a.getOrDefault("pg-user", "postgres");
        pgPassword = a.getOrDefault("pg-password", "");
        database = a.getOrDefault("database", "custody_bench");
        concurrency = Integer.parseInt(a.getOrDefault("concurrency", "16"));
        warmup = seconds(a.getOrDefault("warmup", "60"));
        closedLoop = seconds(a.getOrDefault("closed", "30"));
        openLoop = seconds(a.getOrDefault("open", "30"));
        rawInsert = seconds(a.getOrDefault("raw", "20"));
        openLoopFraction = Double.parseDouble(a.getOrDefault("open-fraction", "0.5"));
        idempotencyKeys = Boolean.parseBoolean(a.getOrDefault("idempotency-keys", "true"));
        ifMatch = Boolean.parseBoolean(a.getOrDefault("if-match", "true"));
        serverJar = a.getOrDefault("server-jar", repo.resolve("custody-dev/target/custody-dev.jar").toString());
        serverJvmArgs = split(a.getOrDefault("server-jvm-args", "-Xmx512m"));
        serverArgs = split(a.getOrDefault("server-args", ""));
        jfr = Boolean.parseBoolean(a.getOrDefault("jfr", "false"));
        workDir = Path.of(a.getOrDefault("work-dir", repo.resolve("custody-bench/target/bench-work").toString()));
        append = Boolean.parseBoolean(a.getOrDefault("append", "true"));
        label = a.getOrDefault("label", "");
        readSide = a.getOrDefault("read-side", "auto");
        replayEvents = Long.parseLong(a.getOrDefault("replay-events", "5000000"));
        openRecords = Integer.parseInt(a.getOrDefault("open-records", "1000000"));
    }

    static BenchConfig parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                a.put(arg.substring(2), "true");
            } else {
                a.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return new BenchConfig(a);
    }

    /** A setting read by one mode only (such as the A/B comparison). */
    String get(String name, String fallback) {
        return raw.getOrDefault(name, fallback);
    }

    BenchConfig withServerJar(String jar) {
        Map<String, String> a = new LinkedHashMap<>(raw);
        a.put("server-jar", jar);
        return new BenchConfig(a);
    }

    boolean compare() {
        return raw.containsKey("compare") || raw.containsKey("compare-args-b");
    }

    boolean help() {
        return raw.containsKey("help");
    }

    boolean embedded() {
        return pgUrl.isBlank();
    }

    /** The arguments given explicitly, for the report: the defaults are in the code. */
    String given() {
        return raw.isEmpty() ? "(defaults)" : String.join(" ", raw.entrySet().stream()
                .filter(e -> !e.getKey().equals("pg-password"))
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList());
    }

    static String describe() {
        return """
                custody-bench: measures the command side against the raw PostgreSQL commit limit.

                  --repo=.                    repository root (server jar and docs/ are found from here)
                  --pg-url=                   admin JDBC URL of an existing PostgreSQL, e.g.
                                              jdbc:postgresql://localhost:5432/postgres (default: embedded, durable)
                  --pg-user=postgres --pg-password=
                  --database=custody_bench    database dropped and created afresh for the run
                  --concurrency=16            HTTP clients, and connections of the raw INSERT phase
                  --warmup=60 --closed=30 --open=30 --raw=20   phase lengths in seconds (the JIT needs the warm-up)
                  --open-fraction=0.5         open-loop rate as a fraction of the closed-loop throughput
                  --idempotency-keys=true     send an Idempotency-Key with every command
                  --if-match=true             send If-Match with the version last returned
                  --server-jar=custody-dev/target/custody-dev.jar   the server with its embedded Kafka broker
                  --server-jvm-args="-Xmx512m"   JVM options of the server process
                  --server-args=""            extra Spring arguments for the server, e.g. "--a=b --c=d"
                  --jfr=false                 record a JFR profile of the server (work dir)
                  --work-dir=custody-bench/target/bench-work   logs, JFR, embedded PostgreSQL data
                  --start-timeout=180         seconds a server may take to become healthy (more on a crowded machine)
                  --append=true               append the results to docs/benchmarks.md
                  --label=                    words for the report heading, e.g. "noisy development run"
                  --read-side=auto            auto | off | only (the bulk read-side measurements alone, not appended)
                  --replay-events=5000000 --open-records=1000000   sizes of the read-side data set
                  --pages=only                the pages' speed alone (issue 10), printed: a lab with --queued=10000
                                              devices; --page-warmup=100 then --page-requests=300 of GET /lab and of
                                              GET /devices/{id} each, server-side times from Tomcat's access log

                A/B comparison instead of the full run (two servers at once, load alternating in slices):
                  --compare=<jar of B>        A is --server-jar; B defaults to the same jar
                  --compare-args-a= --compare-args-b=   extra server arguments of each
                  --slice=10 --slices=8       seconds per slice, measured slices per server (after --warmup)
                """;
    }

    private static Duration seconds(String s) {
        return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.trim().split("\\s+")) {
            if (!part.isBlank()) {
                out.add(part);
            }
        }
        return out;
    }
}
