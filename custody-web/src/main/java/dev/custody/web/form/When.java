package dev.custody.web.form;

import dev.custody.web.layout.Formats;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a step happened, on every step's form: just now unless the person opens "It happened earlier" and gives the
 * date and time in UK time (the GOV.UK date input pattern). A step logged as it happens needs no typing at all. It
 * becomes the request's {@code occurredAt}, so its errors are that field's ({@link #FIELD}): the day's input has that
 * id, the others {@code occurredAt-month}, {@code occurredAt-year}, {@code occurredAt-time}. Whether the time is
 * plausible is the command side's judgement, as for the REST API.
 *
 * @param time 24-hour {@code HH:MM}
 */
public record When(String day, String month, String year, String time) {

    public static final String FIELD = "occurredAt";

    /** A fresh form: just now. */
    public static When now() {
        return new When(null, null, null, null);
    }

    /** Whether any part of an earlier time was given. */
    public boolean earlier() {
        return !(blank(day) && blank(month) && blank(year) && blank(time));
    }

    /**
     * The instant meant, or an error for {@link #FIELD}: {@code now} is the moment of submitting.
     *
     * @param now the application clock's instant
     */
    public Result resolve(Instant now) {
        if (!earlier()) {
            return new Result(now.truncatedTo(ChronoUnit.SECONDS), null);
        }
        if (blank(day) || blank(month) || blank(year)) {
            return error("Enter the date it happened, for example 27 11 2026");
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
                    Integer.parseInt(day.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            return error("Enter a real date, for example 27 11 2026");
        }
        if (blank(time)) {
            return error("Enter the time it happened, for example 14:30");
        }
        LocalTime at;
        try {
            at = LocalTime.parse(time.strip().replace('.', ':').length() == 4
                    ? "0" + time.strip().replace('.', ':') : time.strip().replace('.', ':'));
        } catch (DateTimeParseException e) {
            return error("Enter the time in 24-hour format, for example 14:30");
        }
        return new Result(ZonedDateTime.of(date, at, Formats.UK).toInstant(), null);
    }

    private static Result error(String message) {
        return new Result(null, message);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Either the instant or the error to show at {@link #FIELD}. */
    public record Result(Instant instant, String error) {
        public Optional<Instant> value() {
            return Optional.ofNullable(instant);
        }
    }
}
