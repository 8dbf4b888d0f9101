package dev.custody.web.supervisor;

import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.layout.Formats;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the retention form sends, as typed: the day the device may be kept until (the GOV.UK date input) and the
 * reason, with the version of the record the form was drawn from.
 */
record RetentionForm(Long version, String day, String month, String year, String reason) {

    /** The request's field for the date; the day's input has this id. */
    static final String UNTIL = "until";
    static final String REASON = "reason";

    static RetentionForm blank(long version) {
        return new RetentionForm(version, null, null, null, null);
    }

    /** The same answers on a form drawn from {@code version}: after a conflict, asked again. */
    RetentionForm at(long version) {
        return new RetentionForm(version, day, month, year, reason);
    }

    /**
     * The end of the day given, in UK time: the device may be kept until the end of that day. Null, with the
     * problem added, when no real date was given.
     */
    Instant until(List<FieldProblem> problems) {
        if (blank(day) || blank(month) || blank(year)) {
            problems.add(new FieldProblem(UNTIL, "Enter the date the device may be kept until, for example 15 1 2027"));
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
                    Integer.parseInt(day.strip()));
            return date.plusDays(1).atStartOfDay(Formats.UK).toInstant().minusSeconds(60);
        } catch (NumberFormatException | DateTimeException e) {
            problems.add(new FieldProblem(UNTIL, "Enter a real date, for example 15 1 2027"));
            return null;
        }
    }

    /** Blank is no answer. */
    String reasonText() {
        return blank(reason) ? null : reason.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
