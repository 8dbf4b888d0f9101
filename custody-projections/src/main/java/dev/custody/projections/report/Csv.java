package dev.custody.projections.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV written by Commons CSV, with a guard against spreadsheet formula injection: a text cell never starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a TAB or a carriage return (OWASP's list), so it gets a leading
 * apostrophe. Numbers are written as they are, negative ones too.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final StringBuilder out = new StringBuilder();
    private final CSVPrinter printer;

    public Csv() {
        try {
            printer = new CSVPrinter(out, CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Csv row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Csv row(List<?> cells) {
        try {
            printer.printRecord(cells.stream().map(Csv::defused));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A cell as it may be written: a number or nothing as it is, any other value as text that no sheet runs. */
    public static Object defused(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        String s = value.toString();
        return !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
