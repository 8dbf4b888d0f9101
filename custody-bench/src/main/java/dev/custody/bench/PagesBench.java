package dev.custody.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 10's speed of the pages (run with {@code --pages=only}): a lab with {@code --queued} devices (10,000) waiting
 * in its queue, bulk-loaded as events ({@link EventStoreLoader#loadLabQueue}) and projected by the real server; then
 * the lab technician's start page ({@code GET /lab}, the prioritised queue) and device pages
 * ({@code GET /devices/{id}}) are asked for one after another by a signed-in dev user, through the whole server:
 * security chain, MVC, services, PostgreSQL, Thymeleaf.
 * <p>
 * Server-side times are Tomcat's own, from its access log ({@code %{us}T}: from the request's first byte read until
 * the response is written), so neither the bench's client nor the network counts; the client's times are printed
 * beside them. Targets: the queue page p99 under 300 ms, the device page under 100 ms.
 */
final class PagesBench {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchConfig config;
    private final Database db;
    private final Consumer<String> log;

    PagesBench(BenchConfig config, Database db, Consumer<String> log) {
        this.config = config;
        this.db = db;
        this.log = log;
    }

    List<ReadSide.Outcome> run() throws Exception {
        int queued = Integer.parseInt(config.get("queued", "10000"));
        int warmup = Integer.parseInt(config.get("page-warmup", "100"));
        int measured = Integer.parseInt(config.get("page-requests", "300"));
        String database = config.database + "_pages";
        db.recreate(database);
        Path accessLogs = config.workDir.resolve("pages-access");
        Files.createDirectories(accessLogs);
        try (Stream<Path> old = Files.list(accessLogs)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<String> args = List.of("--custody.roles.publisher=false",
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + accessLogs.toAbsolutePath(),
                "--server.tomcat.accesslog.prefix=access", "--server.tomcat.accesslog.suffix=.log",
                "--server.tomcat.accesslog.buffered=false",
                "--server.tomcat.accesslog.pattern=%m %U %s %{us}T");
        List<ReadSide.Outcome> out = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(config, db, db.urlOf(database), "server-pages", args)) {
            // The schema exists once the server is up; the idle server projects the events as they are committed.
            List<UUID> ids = new ArrayList<>();
            EventStoreLoader.Loaded loaded;
            try (Connection c = db.connect(database)) {
                loaded = new EventStoreLoader(Instant.now()).loadLabQueue(c, queued, ids, log);
            }
            log.accept("loaded %,d events of %,d devices queued at one lab in %d s".formatted(loaded.events(),
                    loaded.devices(), loaded.took().toSeconds()));
            try (MiniHttp http = new MiniHttp("localhost", server.port())) {
                awaitQueue(http, queued);
                awaitQuietAlerts(http);
            }
            Browser browser = new Browser("http://localhost:" + server.port());
            browser.signIn("lab");

            SplittableRandom random = new SplittableRandom(20261201);
            for (int i = 0; i < warmup; i++) {
                browser.page("/lab", null);
                browser.page("/devices/" + ids.get(random.nextInt(ids.size())), null);
            }
            // The server's CPU while idle (the alert engine's ticks, the processors' polling), to take off each phase's.
            CpuMeter cpu = new CpuMeter(server.pid());
            CpuMeter.Sample idleFrom = cpu.sample();
            Thread.sleep(5000);
            double idleCores = CpuMeter.between(idleFrom, cpu.sample()).processCores();
            int skip = countLines(accessLogs);
            List<Long> queueClient = new ArrayList<>();
            CpuMeter.Sample from = cpu.sample();
            for (int i = 0; i < measured; i++) {
                browser.page("/lab", queueClient);
            }
            CpuMeter.Usage queueCpu = CpuMeter.between(from, cpu.sample());
            List<Long> deviceClient = new ArrayList<>();
            from = cpu.sample();
            for (int i = 0; i < measured; i++) {
                browser.page("/devices/" + ids.get(random.nextInt(ids.size())), deviceClient);
            }
            CpuMeter.Usage deviceCpu = CpuMeter.between(from, cpu.sample());
            Thread.sleep(500);
            List<String[]> lines = accessLines(accessLogs, skip);
            out.add(outcome("lab queue page GET /lab, %,d devices queued".formatted(queued), lines,
                    p -> p.equals("/lab"), queueClient, 300, queueCpu, idleCores, measured));
            out.add(outcome("device page GET /devices/{id}", lines, p -> p.startsWith("/devices/"), deviceClient, 100,
                    deviceCpu, idleCores, measured));
            String body = browser.page("/lab", null);
            out.add(new ReadSide.Outcome("lab queue page size", "%,d bytes of HTML, %d rows".formatted(body.length(),
                    body.split("data-device=", -1).length - 1), "", ""));
        }
        return out;
    }

    private ReadSide.Outcome outcome(String measurement, List<String[]> lines,
                                     java.util.function.Predicate<String> path, List<Long> client, double targetMs,
                                     CpuMeter.Usage cpu, double idleCores, int requests) {
        long[] server = lines.stream().filter(l -> l[0].equals("GET") && path.test(l[1]) && l[2].equals("200"))
                .mapToLong(l -> Long.parseLong(l[3]) * 1000).toArray();
        Latencies.Summary s = Latencies.summarise(server);
        Latencies.Summary c = Latencies.summarise(client.stream().mapToLong(Long::longValue).toArray());
        // The server process's CPU per request, less what it spends idle: what a page costs, whatever else runs.
        double cpuMs = (cpu.processCores() - idleCores) * cpu.seconds() * 1000 / requests;
        return new ReadSide.Outcome(measurement, ("server %s (%d requests); client %s; server CPU %.1f ms a request "
                + "(idle %.2f cores taken off); whole machine %.2f of %d cores busy").formatted(s.brief(), s.count(),
                c.brief(), cpuMs, idleCores, cpu.machineBusyCores(), cpu.cores()), "p99 < %.0f ms".formatted(targetMs),
                Report.atMost(s.p99(), targetMs, "ms"));
    }

    /**
     * A signed-in browser, as far as the pages care: its session cookie, sent back by hand because Java's cookie
     * store keeps a Secure cookie (the session's) from plain {@code http://localhost}, where browsers send it.
     */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();

        Browser(String base) {
            this.base = base;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return r;
        }

        /** GETs a page that must answer 200, adding its time to {@code times} when not null. */
        String page(String path, List<Long> times) throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
            }
            if (times != null) {
                times.add(took);
            }
            return r.body();
        }

        /** Signs in on the sign-in page as a dev user, as a browser does: the form and its CSRF token. */
        void signIn(String user) throws IOException, InterruptedException {
            String form = page("/sign-in", null);
            Matcher csrf = CSRF.matcher(form);
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            String body = "username=" + user + "&password=" + Lifecycle.PASSWORD + "&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("sign-in as " + user + " failed: " + signedIn.statusCode() + " "
                        + location);
            }
        }
    }

    /** Until the lab's queue (the REST view of the same service) counts every device loaded. */
    private void awaitQueue(MiniHttp http, int queued) throws IOException, InterruptedException {
        String lab = MiniHttp.basic("lab", Lifecycle.PASSWORD);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long total = -1;
        while (System.nanoTime() < deadline) {
            MiniHttp.Response r = http.get("/api/v1/labs/dyfed-powys-dfu/queue?limit=1", lab);
            if (r.ok()) {
                total = JSON.readTree(r.body()).path("total").asLong(-1);
                if (total >= queued) {
                    log.accept("the lab's queue holds %,d devices".formatted(total));
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the lab's queue held " + total + " of " + queued + " devices after 10 min");
    }

    /** Until the alert engine has raised the loaded devices' overdue alerts, so that it does not run meanwhile. */
    private void awaitQuietAlerts(MiniHttp http) throws IOException, InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            MiniHttp.Response r = http.get("/api/v1/alerts?size=1", ReadSide.SUPERVISOR);
            long total = r.ok() ? JSON.readTree(r.body()).path("totalElements").asLong(-1) : -2;
            if (total == last && total >= 0) {
                log.accept("%,d alerts raised; the engine is quiet".formatted(total));
                return;
            }
            last = total;
            Thread.sleep(5000);
        }
    }

    private static int countLines(Path dir) throws IOException {
        return accessLines(dir, 0).size();
    }

    /** {method, path, status, microseconds} of each access-log line after the first {@code skip}. */
    private static List<String[]> accessLines(Path dir, int skip) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 4) {
                        out.add(parts);
                    }
                }
            }
        }
        return out.subList(Math.min(skip, out.size()), out.size());
    }
}
