package dev.custody.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server in a JVM of its own ({@code java -cp <the test classpath> CustodyApplication}), so a test can kill it
 * the way a machine or an operator does ({@code kill -9}): no shutdown hook runs, claims and consumer-group
 * memberships are not released, and whatever was in flight is lost. Its log is {@code target/it-processes/<name>.log}.
 * A process still running when the test JVM exits is killed with it.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the server with these arguments (plus {@code --server.port}); {@link #awaitReady} waits for it. */
    public static ServerProcess start(String name, List<String> args) {
        int port = freePort();
        Path log = Path.of("target", "it-processes", name + "-" + System.currentTimeMillis() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-cp");
        command.add(classpath());
        command.add("dev.custody.server.CustodyApplication");
        command.add("--server.port=" + port);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(name, port, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server answers ready; fails at once if it exits. */
    public ServerProcess awaitReady(Duration timeout) {
        Api api = new Api(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                if (api.get(null, "/actuator/health/readiness").status() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not ready within " + timeout + "; see " + log.toAbsolutePath());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM ends at once, nothing of it runs any more. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An orderly stop (SIGTERM), or a kill if that takes longer than a minute. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** The test JVM's classpath; Surefire and Failsafe name it in a property of their own. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
