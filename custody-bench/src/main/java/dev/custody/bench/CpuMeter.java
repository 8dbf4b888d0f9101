package dev.custody.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}: of one process (the server, all its threads) and of the whole machine, so that a
 * phase's CPU can be split into the server's share and everything else (PostgreSQL, the load generator, and
 * whatever else shares the machine).
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc} times; 100 on Linux unless the kernel was built otherwise. */
    private static final double TICKS = 100.0;

    /** Busy and total CPU seconds of the machine, and CPU seconds of the process, at one moment. */
    record Sample(double processSeconds, double machineBusySeconds, double machineTotalSeconds, long nanoTime) {
    }

    /** What happened between two samples. */
    record Usage(double seconds, double processCores, double machineBusyCores, int cores) {
        String brief() {
            return "server %.2f cores, whole machine %.2f of %d cores busy".formatted(processCores, machineBusyCores, cores);
        }
    }

    private final long pid;

    CpuMeter(long pid) {
        this.pid = pid;
    }

    Sample sample() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double process = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            return new Sample(process, (total - idle) / TICKS, total / TICKS, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return new Sample(Double.NaN, Double.NaN, Double.NaN, System.nanoTime());
        }
    }

    /** CPU seconds used so far by any process, or 0 if it is gone. */
    static double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    static Usage between(Sample a, Sample b) {
        double seconds = (b.nanoTime() - a.nanoTime()) / 1e9;
        return new Usage(seconds, (b.processSeconds() - a.processSeconds()) / seconds,
                (b.machineBusySeconds() - a.machineBusySeconds()) / seconds, Runtime.getRuntime().availableProcessors());
    }
}
