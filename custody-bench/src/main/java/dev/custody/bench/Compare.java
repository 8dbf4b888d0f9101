package dev.custody.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A/B comparison of two server builds or settings in one run, for judging an optimisation on a noisy shared
 * machine. Both servers run at once, each on its own database; the closed-loop load alternates between them in
 * short slices (A B B A A B …), so that whatever else the machine is doing falls on both alike. Each slice's
 * throughput is kept, and the report gives the per-pair ratios as well as the totals.
 * <p>
 * {@code --compare=<B's jar>} (A is {@code --server-jar}), {@code --compare-args-a=} and {@code --compare-args-b=}
 * for extra server arguments, {@code --slice=10} seconds, {@code --slices=8} measured slices per server.
 */
final class Compare {

    private Compare() {
    }

    static Report run(BenchConfig config, Database db, ZonedDateTime started) throws Exception {
        String jarB = config.get("compare", config.serverJar);
        List<String> argsA = BenchConfig.split(config.get("compare-args-a", ""));
        List<String> argsB = BenchConfig.split(config.get("compare-args-b", ""));
        Duration slice = Duration.ofSeconds(Long.parseLong(config.get("slice", "10")));
        int slices = Integer.parseInt(config.get("slices", "8"));
        db.recreate(config.database + "_a");
        db.recreate(config.database + "_b");
        List<double[]> pairs = new ArrayList<>();
        List<long[]> latA = new ArrayList<>();
        List<long[]> latB = new ArrayList<>();
        long failed = 0;
        String cpuA;
        String cpuB;
        try (ServerProcess a = ServerProcess.start(config, db, db.urlOf(config.database + "_a"), "server-a", argsA);
             ServerProcess b = ServerProcess.start(config.withServerJar(jarB), db, db.urlOf(config.database + "_b"), "server-b", argsB)) {
            CommandLoad loadA = new CommandLoad("localhost", a.port(), config.idempotencyKeys, config.ifMatch).quiet();
            CommandLoad loadB = new CommandLoad("localhost", b.port(), config.idempotencyKeys, config.ifMatch).quiet();
            int warmupSlices = (int) Math.max(1, config.warmup.toSeconds() / slice.toSeconds());
            Bench.log("A/B warm-up: %d slices of %d s each".formatted(warmupSlices, slice.toSeconds()));
            for (int i = 0; i < warmupSlices; i++) {
                CommandLoad.Result ra = loadA.closedLoop(config.concurrency, Duration.ZERO, slice);
                CommandLoad.Result rb = loadB.closedLoop(config.concurrency, Duration.ZERO, slice);
                Bench.log("  warm-up %d: A %.0f /s, B %.0f /s".formatted(i + 1, ra.perSecond(), rb.perSecond()));
            }
            Side sideA = new Side(a.pid(), config.database + "_a", loadA);
            Side sideB = new Side(b.pid(), config.database + "_b", loadB);
            for (int i = 0; i < slices; i++) {
                boolean aFirst = i % 2 == 0;
                CommandLoad.Result first = (aFirst ? sideA : sideB).slice(db, config.concurrency, slice);
                CommandLoad.Result second = (aFirst ? sideB : sideA).slice(db, config.concurrency, slice);
                CommandLoad.Result ra = aFirst ? first : second;
                CommandLoad.Result rb = aFirst ? second : first;
                failed += ra.failed() + rb.failed();
                pairs.add(new double[]{ra.perSecond(), rb.perSecond()});
                latA.add(ra.latencies());
                latB.add(rb.latencies());
                Bench.log("  slice %d: A %.0f /s, B %.0f /s (B/A %.2f)".formatted(i + 1, ra.perSecond(), rb.perSecond(),
                        rb.perSecond() / ra.perSecond()));
            }
            cpuA = sideA.brief();
            cpuB = sideB.brief();
            Bench.log("CPU per command: A " + cpuA + "; B " + cpuB);
        }
        double sumA = pairs.stream().mapToDouble(p -> p[0]).sum();
        double sumB = pairs.stream().mapToDouble(p -> p[1]).sum();
        double[] ratios = pairs.stream().mapToDouble(p -> p[1] / p[0]).sorted().toArray();
        Latencies.Summary sa = Latencies.summarise(concat(latA));
        Latencies.Summary sb = Latencies.summarise(concat(latB));
        Report report = new Report(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + ", A/B comparison" + (config.label.isBlank() ? "" : " (" + config.label + ")"));
        report.context("A: `%s` %s".formatted(Path.of(config.serverJar).getFileName(), String.join(" ", argsA)));
        report.context("B: `%s` %s".formatted(Path.of(jarB).getFileName(), String.join(" ", argsB)));
        report.context("%d clients each; %d alternating slices of %d s per server after %d s of warm-up each; "
                .formatted(config.concurrency, slices, slice.toSeconds(), config.warmup.toSeconds())
                + "server JVM " + String.join(" ", config.serverJvmArgs) + "; PostgreSQL " + db.version() + ", " + db.kind());
        report.row("A: commands/s (closed loop)", "**%s** (%s)".formatted(Report.fmt(sumA / pairs.size()), sa.brief()), "", "");
        report.row("B: commands/s (closed loop)", "**%s** (%s)".formatted(Report.fmt(sumB / pairs.size()), sb.brief()), "", "");
        report.row("B / A", "**%.2f** (per pair: min %.2f, median %.2f, max %.2f)".formatted(sumB / sumA, ratios[0],
                ratios[ratios.length / 2], ratios[ratios.length - 1]), "", failed == 0 ? "" : failed + " failed commands");
        report.row("CPU per command, A", cpuA, "", "");
        report.row("CPU per command, B", cpuB, "", "");
        return report;
    }

    /** One server under comparison, with the CPU its process and its database's backends used during the slices. */
    private static final class Side {
        final long pid;
        final String database;
        final CommandLoad load;
        double serverSeconds;
        double postgresSeconds;
        long commands;

        Side(long pid, String database, CommandLoad load) {
            this.pid = pid;
            this.database = database;
            this.load = load;
        }

        CommandLoad.Result slice(Database db, int clients, Duration slice) throws Exception {
            double server0 = CpuMeter.processSeconds(pid);
            java.util.Map<Long, Double> pg0 = backendSeconds(db);
            long done0 = load.completedTotal();
            CommandLoad.Result r = load.closedLoop(clients, Duration.ZERO, slice);
            serverSeconds += CpuMeter.processSeconds(pid) - server0;
            for (var e : backendSeconds(db).entrySet()) {
                postgresSeconds += e.getValue() - pg0.getOrDefault(e.getKey(), 0.0);
            }
            commands += load.completedTotal() - done0;
            return r;
        }

        String brief() {
            return "server %.2f ms, PostgreSQL %.2f ms (its backends for this database)".formatted(
                    1000 * serverSeconds / commands, 1000 * postgresSeconds / commands);
        }

        private java.util.Map<Long, Double> backendSeconds(Database db) throws java.sql.SQLException {
            java.util.Map<Long, Double> out = new java.util.HashMap<>();
            try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement s = c.prepareStatement(
                    "select pid from pg_stat_activity where datname = ?")) {
                s.setString(1, database);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), CpuMeter.processSeconds(rs.getLong(1)));
                    }
                }
            }
            return out;
        }
    }

    private static long[] concat(List<long[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        long[] out = new long[n];
        int k = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
