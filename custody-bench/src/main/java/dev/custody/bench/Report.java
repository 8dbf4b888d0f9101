package dev.custody.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The run's results as a Markdown section: printed, and appended to docs/benchmarks.md. */
final class Report {

    /** One line of the results table. */
    record Row(String measurement, String result, String target, String verdict) {
    }

    private final String heading;
    private final List<String> context = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String heading) {
        this.heading = heading;
    }

    void context(String line) {
        context.add(line);
    }

    void row(String measurement, String result, String target, String verdict) {
        rows.add(new Row(measurement, result, target, verdict));
    }

    void note(String line) {
        notes.add(line);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(heading).append("\n\n");
        for (String line : context) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n| measurement | result | target | verdict |\n|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.measurement()).append(" | ").append(r.result()).append(" | ")
                    .append(r.target()).append(" | ").append(r.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String line : notes) {
                md.append(line).append('\n');
            }
        }
        return md.toString();
    }

    void appendTo(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, "# Benchmarks\n\nResults appended by `infra/bench/run.sh` (custody-bench), newest last.\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(file, "\n" + markdown(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** "met" or "missed", with the margin, for a target that is a maximum. */
    static String atMost(double value, double limit, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value <= limit
                ? "met (%s %s under)".formatted(fmt(limit - value), unit)
                : "**missed** by %s %s (%.0f%% over)".formatted(fmt(value - limit), unit, 100 * (value - limit) / limit);
    }

    /** "met" or "missed", with the margin, for a target that is a minimum. */
    static String atLeast(double value, double limit, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= limit
                ? "met (%s %s above)".formatted(fmt(value - limit), unit)
                : "**missed** by %s %s (%.0f%% short)".formatted(fmt(limit - value), unit, 100 * (limit - value) / limit);
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100) {
            return "%,.0f".formatted(v);
        }
        return Math.abs(v) >= 10 ? "%.1f".formatted(v) : "%.2f".formatted(v);
    }

    static String mib(long bytes) {
        return "%,.0f MiB".formatted(bytes / 1048576.0);
    }
}
