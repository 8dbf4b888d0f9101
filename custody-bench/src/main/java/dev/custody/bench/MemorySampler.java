package dev.custody.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the server's memory through the run: resident set size from {@code /proc/<pid>/status} (VmRSS, and the
 * kernel's own high-water mark VmHWM) four times a second, and the used heap from the actuator once a second.
 * The heap peak is the used heap at the moment of sampling, garbage included; the live data after GC
 * ({@code jvm.gc.live.data.size}) says how much of it the server actually keeps.
 */
final class MemorySampler {

    record Peaks(long rssBytes, long hwmBytes, long heapUsedBytes, long liveDataBytes, long heapMaxBytes, int heapSamples) {
    }

    private final long pid;
    private final int port;
    private volatile boolean running = true;
    private final Thread thread;
    private volatile long rss;
    private volatile long hwm;
    private volatile long heap;
    private volatile long live;
    private volatile long heapMax;
    private volatile int heapSamples;

    MemorySampler(long pid, int port) {
        this.pid = pid;
        this.port = port;
        this.thread = new Thread(this::run, "memory-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Peaks peaks() {
        readProc();
        return new Peaks(rss, hwm, heap, live, heapMax, heapSamples);
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    private void run() {
        int tick = 0;
        try (MiniHttp http = new MiniHttp("localhost", port)) {
            while (running) {
                readProc();
                if (tick++ % 4 == 0) {
                    try {
                        heap = Math.max(heap, metric(http, "jvm.memory.used?tag=area:heap"));
                        live = Math.max(live, metric(http, "jvm.gc.live.data.size"));
                        heapMax = Math.max(heapMax, metric(http, "jvm.memory.max?tag=area:heap"));
                        heapSamples++;
                    } catch (IOException | RuntimeException e) {
                        http.close();
                    }
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long metric(MiniHttp http, String name) throws IOException {
        MiniHttp.Response r = http.get("/actuator/metrics/" + name, ServerProcess.SCRAPER);
        if (r.status() != 200) {
            return 0;
        }
        String body = r.body();
        int at = body.indexOf("\"value\":");
        if (at < 0) {
            return 0;
        }
        int start = at + 8;
        int end = start;
        while (end < body.length() && "0123456789.E-+".indexOf(body.charAt(end)) >= 0) {
            end++;
        }
        return (long) Double.parseDouble(body.substring(start, end));
    }

    private void readProc() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Math.max(rss, kb(line));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Math.max(hwm, kb(line));
                }
            }
        } catch (IOException gone) {
            // the process has ended: keep the last peaks
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
