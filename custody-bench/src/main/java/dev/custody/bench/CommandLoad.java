package dev.custody.bench;

import dev.custody.bench.Lifecycle.Kind;
import dev.custody.bench.Lifecycle.Step;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives device lifecycles through the REST API.
 * <ul>
 *   <li>Closed loop: N clients, each sending its next command as soon as the last one is answered. This finds the
 *   maximum throughput; latency here includes queueing inside the server.</li>
 *   <li>Open loop: commands arrive on a fixed schedule, whatever the server does. Latency is measured from each
 *   command's scheduled time, so a stall counts against every command that should have been sent during it
 *   (no coordinated omission).</li>
 * </ul>
 * Every command must succeed: each device is driven by one client at a time, so a 409 or 422 means a bug. Only
 * successful commands count towards throughput and latency; failures are reported apart.
 */
final class CommandLoad {

    record Result(long commands, double seconds, double perSecond, Latencies.Summary latency,
                  Map<Kind, Latencies.Summary> byKind, Map<String, Long> failures, List<String> failureSamples,
                  long lifecyclesCompleted, long[] latencies) {
        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One thread's measurements. */
    private static final class Recorder {
        final Latencies all = new Latencies();
        final Map<Kind, Latencies> byKind = new EnumMap<>(Kind.class);

        void add(Kind kind, long latency, long at) {
            all.add(latency, at);
            byKind.computeIfAbsent(kind, k -> new Latencies()).add(latency, at);
        }
    }

    private final String host;
    private final int port;
    private final boolean idempotencyKeys;
    private final boolean ifMatch;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong keys = new AtomicLong();
    private final AtomicInteger serials = new AtomicInteger();
    private final List<Recorder> recorders = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();
    private final LongAdder lifecycles = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final List<String> deviceIds = new CopyOnWriteArrayList<>();
    private volatile boolean quiet;

    CommandLoad(String host, int port, boolean idempotencyKeys, boolean ifMatch) {
        this.host = host;
        this.port = port;
        this.idempotencyKeys = idempotencyKeys;
        this.ifMatch = ifMatch;
    }

    /** Successful commands since this load was created, over all phases. */
    long completedTotal() {
        return completed.sum();
    }

    /** No progress lines: for the short slices of an A/B comparison. */
    CommandLoad quiet() {
        quiet = true;
        return this;
    }

    /** Ids of devices seized so far (for later checks). */
    List<String> deviceIds() {
        return deviceIds;
    }

    Result closedLoop(int clients, Duration warmup, Duration measure) throws InterruptedException {
        reset();
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long to = from + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c * 7919L + 17);
            Thread t = new Thread(() -> {
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                try (MiniHttp http = new MiniHttp(host, port)) {
                    Lifecycle lifecycle = newLifecycle(random);
                    while (System.nanoTime() < to) {
                        long t0 = System.nanoTime();
                        boolean ok = execute(http, lifecycle);
                        long t1 = System.nanoTime();
                        if (ok) {
                            recorder.add(lastKind.get(), t1 - t0, t1);
                        }
                        if (!ok || lifecycle.done()) {
                            if (ok) {
                                lifecycles.increment();
                            }
                            lifecycle = newLifecycle(random);
                        }
                    }
                }
            }, "closed-loop-" + c);
            threads.add(t);
            t.start();
        }
        Thread progress = quiet ? null : progress(start, to);
        for (Thread t : threads) {
            t.join();
        }
        if (progress != null) {
            progress.interrupt();
        }
        return result(from, to);
    }

    /** Logs the rate every 5 s, so a run shows its warm-up and any stall. */
    private Thread progress(long start, long to) {
        Thread t = new Thread(() -> {
            long last = completed.sum();
            long lastAt = System.nanoTime();
            try {
                while (System.nanoTime() < to) {
                    Thread.sleep(5_000);
                    long now = System.nanoTime();
                    long count = completed.sum();
                    Bench.log("  %3d s: %.0f commands/s".formatted((now - start) / 1_000_000_000L,
                            (count - last) / ((now - lastAt) / 1e9)));
                    last = count;
                    lastAt = now;
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @param rate    commands per second offered
     * @param workers threads sending; enough that the schedule never waits for a free one in normal operation
     */
    Result openLoop(double rate, Duration measure, int workers, int devicesInFlight) throws InterruptedException {
        reset();
        ConcurrentLinkedQueue<Lifecycle> idle = new ConcurrentLinkedQueue<>();
        SplittableRandom seed = new SplittableRandom(4242);
        for (int i = 0; i < devicesInFlight; i++) {
            idle.add(newLifecycle(seed.split()));
        }
        ThreadLocal<MiniHttp> connections = new ThreadLocal<>();
        ThreadLocal<Recorder> threadRecorders = ThreadLocal.withInitial(() -> {
            Recorder r = new Recorder();
            recorders.add(r);
            return r;
        });
        List<MiniHttp> opened = new CopyOnWriteArrayList<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "open-loop-" + threadNo.incrementAndGet()));
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 50_000_000;
        long end = start + measure.toNanos();
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = due;
            pool.execute(() -> {
                MiniHttp http = connections.get();
                if (http == null) {
                    http = new MiniHttp(host, port);
                    connections.set(http);
                    opened.add(http);
                }
                Lifecycle lifecycle = idle.poll();
                if (lifecycle == null) {
                    lifecycle = newLifecycle(new SplittableRandom(scheduled));
                }
                boolean ok = execute(http, lifecycle);
                if (ok) {
                    threadRecorders.get().add(lastKind.get(), System.nanoTime() - scheduled, scheduled);
                }
                if (ok && lifecycle.done()) {
                    lifecycles.increment();
                }
                idle.add(ok && !lifecycle.done() ? lifecycle : newLifecycle(new SplittableRandom(scheduled)));
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        opened.forEach(MiniHttp::close);
        return result(start, end);
    }

    private final ThreadLocal<Kind> lastKind = new ThreadLocal<>();

    private Lifecycle newLifecycle(SplittableRandom random) {
        return new Lifecycle(random, serials.incrementAndGet());
    }

    /** Sends the lifecycle's next command; false if it was refused or failed (the lifecycle is then abandoned). */
    private boolean execute(MiniHttp http, Lifecycle lifecycle) {
        Step step = lifecycle.next();
        lastKind.set(step.kind());
        StringBuilder headers = new StringBuilder(96);
        if (idempotencyKeys) {
            headers.append("Idempotency-Key: bench-").append(runId).append('-').append(keys.incrementAndGet()).append("\r\n");
        }
        if (ifMatch && step.kind() != Kind.SEIZE) {
            headers.append("If-Match: \"").append(lifecycle.version()).append("\"\r\n");
        }
        try {
            MiniHttp.Response response = http.send("POST", step.path(), step.authorization(), headers.toString(), step.body());
            if (!response.ok()) {
                fail(step.kind() + " " + response.status(), step.kind() + " " + step.path() + " -> " + response.status() + " " + response.body());
                return false;
            }
            lifecycle.accepted(step, response);
            completed.increment();
            if (step.kind() == Kind.SEIZE) {
                deviceIds.add(lifecycle.deviceId());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            fail(step.kind() + " " + e.getClass().getSimpleName(), step.kind() + " " + step.path() + " -> " + e);
            return false;
        }
    }

    private void fail(String key, String sample) {
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (failureSamples.size() < 5) {
            failureSamples.add(sample.length() > 400 ? sample.substring(0, 400) + "…" : sample);
        }
    }

    private void reset() {
        recorders.clear();
        failures.clear();
        failureSamples.clear();
        lifecycles.reset();
    }

    private Result result(long from, long to) {
        List<Latencies> all = recorders.stream().map(r -> r.all).toList();
        long[] window = Latencies.window(all, from, to);
        double seconds = (to - from) / 1e9;
        Map<Kind, Latencies.Summary> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Latencies> ofKind = recorders.stream().map(r -> r.byKind.get(kind)).filter(l -> l != null).toList();
            long[] w = Latencies.window(ofKind, from, to);
            if (w.length > 0) {
                byKind.put(kind, Latencies.summarise(w));
            }
        }
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        return new Result(window.length, seconds, window.length / seconds, Latencies.summarise(window), byKind, failed,
                List.copyOf(failureSamples), lifecycles.sum(), window);
    }
}
