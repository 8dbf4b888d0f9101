package dev.custody.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a separate process: {@code java -jar custody-dev.jar}, the production server plus the embedded
 * Kafka broker it needs here (its PostgreSQL is the bench's). Its memory is its own, and it is measured from outside
 * as an operator would, through {@code /proc} and the actuator.
 */
final class ServerProcess implements AutoCloseable {

    static final String INSPECTOR = MiniHttp.basic("inspector", Lifecycle.PASSWORD);
    /** The metrics endpoints are for the METRICS role alone. */
    static final String SCRAPER = MiniHttp.basic("scraper", Lifecycle.PASSWORD);

    private final Process process;
    private final int port;
    private final Path log;
    private final List<String> command;
    private MemorySampler sampler;

    private ServerProcess(Process process, int port, Path log, List<String> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts the server on the given database, with dev users and an embedded Kafka broker, and waits until it is
     * healthy.
     *
     * @param name names the log file (and JFR recording) in the work directory
     */
    static ServerProcess start(BenchConfig config, Database db, String dbUrl, String name, List<String> extraArgs)
            throws IOException, InterruptedException {
        Path jar = Path.of(config.serverJar);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + ": build it first with "
                    + "./mvnw -q -pl custody-dev,custody-bench -am package -DskipTests (or use infra/bench/run.sh)");
        }
        Files.createDirectories(config.workDir);
        int port = freePort();
        Path log = config.workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.serverJvmArgs);
        if (config.jfr) {
            command.add("-XX:StartFlightRecording=filename=" + config.workDir.resolve(name + ".jfr") + ",settings=profile");
        }
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + dbUrl);
        command.add("--spring.datasource.username=" + db.user());
        command.add("--spring.datasource.password=" + db.password());
        command.add("--custody.security.dev-users=true");
        command.addAll(config.serverArgs);
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(process, port, log, command);
        try {
            server.awaitHealthy(Duration.ofSeconds(Long.parseLong(config.get("start-timeout", "180"))));
        } catch (RuntimeException | InterruptedException | IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The command line, without the password. */
    String commandLine() {
        return String.join(" ", command.stream().map(a -> a.startsWith("--spring.datasource.password=")
                ? "--spring.datasource.password=…" : a).toList());
    }

    MemorySampler sampleMemory() {
        sampler = new MemorySampler(process.pid(), port);
        sampler.start();
        return sampler;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (MiniHttp http = new MiniHttp("localhost", port)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
                }
                // A failed start can leave non-daemon threads (the embedded broker's) keeping the JVM alive.
                if (Files.readString(log).contains("Application run failed")) {
                    throw new IllegalStateException("the server failed to start; see " + log);
                }
                try {
                    MiniHttp.Response health = http.get("/actuator/health", null);
                    if (health.status() == 200 && health.body().contains("\"UP\"")) {
                        return;
                    }
                } catch (IOException notYet) {
                    http.close();
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (sampler != null) {
            sampler.stop();
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
