package dev.custody.embedded;

import dev.custody.embedded.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL of a kept data directory starts first time even when a postmaster is still running on
 * that directory, left behind by a process that died (a {@code kill -9} of the dev run and its watchdog): the
 * orphan is stopped first. Without that, zonky started a second server on the same directory, which refused to
 * start, and gave up waiting after 10 s.
 */
class LocalPostgresIT {

    @Test
    void anOrphanedPostmasterOnTheDataDirectoryIsStoppedAndTheServerStarts() throws Exception {
        Path dir = LocalPostgres.scratchDir().resolve("orphan-" + UUID.randomUUID());
        // A first run creates the cluster, and tells where the binaries are.
        Path bin;
        try (LocalPostgres first = LocalPostgres.builder().dataDir(dir).durable(false).start()) {
            bin = postgresBinary(dir).getParent();
        }
        // The orphan: a postmaster on the directory that no live process of ours holds.
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.toString(), "-p",
                String.valueOf(freePort()), "-F"));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle orphan = Await.until(() -> postmaster(dir).filter(ProcessHandle::isAlive).filter(p -> ready(dir)));

        try (LocalPostgres second = LocalPostgres.builder().dataDir(dir).durable(false).start()) {
            assertThat(orphan.isAlive()).as("the orphaned postmaster").isFalse();
            assertThat(second.stoppedOrphan()).contains(orphan.pid());
            try (Connection c = second.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            if (orphan.isAlive()) {
                orphan.destroyForcibly();
            }
        }
        assertThat(LocalPostgres.runningUnder(dir)).as("servers left on the directory").isEmpty();
    }

    @Test
    void runningServersUnderADirectoryAreFound() {
        try (LocalPostgres postgres = LocalPostgres.builder().durable(false).start()) {
            List<ProcessHandle> running = LocalPostgres.runningUnder(LocalPostgres.scratchDir());
            assertThat(running).extracting(ProcessHandle::pid).contains(postmaster(postgres.dataDir()).orElseThrow().pid());
        }
    }

    /** PostgreSQL writes "ready" into line 8 of postmaster.pid once it accepts connections. */
    private static boolean ready(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            return lines.size() >= 8 && lines.get(7).trim().equals("ready");
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the probe finds something, for up to 60 s. */
    private static final class Await {
        static <T> T until(java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Optional<T> found = probe.get();
            while (found.isEmpty()) {
                assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
                Thread.sleep(50);
                found = probe.get();
            }
            return found.get();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The postgres binary of the server running on {@code dir}. */
    private static Path postgresBinary(Path dir) {
        return Path.of(postmaster(dir).orElseThrow().info().command().orElseThrow());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
