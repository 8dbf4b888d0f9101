package dev.custody.embedded.postgres;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run by the build after a module's integration tests (exec-maven-plugin, {@code post-integration-test}): fails if any
 * PostgreSQL server started by those tests, in their scratch directory, is still running once their JVM has ended.
 * A server may take a moment to finish its shutdown, so it waits up to {@link #GRACE_MILLIS} first.
 */
public final class OrphanCheck {

    static final long GRACE_MILLIS = 15_000;

    private OrphanCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path scratch = Path.of(args[0]);
        List<ProcessHandle> left = awaitNoneUnder(scratch, GRACE_MILLIS);
        if (!left.isEmpty()) {
            throw new IllegalStateException(left.size() + " embedded PostgreSQL server(s) outlived the tests that "
                    + "started them under " + scratch + ": " + left.stream().map(p -> p.pid() + " "
                    + p.info().commandLine().orElse("?")).collect(Collectors.joining("; ")));
        }
        System.out.println("[orphan check] no embedded PostgreSQL left running under " + scratch);
    }

    static List<ProcessHandle> awaitNoneUnder(Path scratch, long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        List<ProcessHandle> left = LocalPostgres.runningUnder(scratch);
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(200);
            left = LocalPostgres.runningUnder(scratch);
        }
        return left;
    }
}
