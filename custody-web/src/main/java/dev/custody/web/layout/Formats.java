package dev.custody.web.layout;

import dev.custody.queries.ExpectedReturn;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.AlertWords;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Dates, times and codes in the words of the GOV.UK style guide, for templates as {@code ${@fmt.time(x)}}: times in
 * UK time ("1 December 2026 at 2:05pm"), and each code of the contract (stage, rule, device type, ...) as a person
 * would say it.
 */
@Component("fmt")
public class Formats {

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    /** Custody serves the police forces of England and Wales. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.UK);

    private static final Map<String, String> WORDS = Map.ofEntries(
            // stages
            Map.entry("SEIZED", "Seized"), Map.entry("AT_LAB", "At the lab"), Map.entry("DOWNLOADING", "Downloading"),
            Map.entry("DOWNLOAD_FAILED", "Download failed"), Map.entry("DOWNLOADED", "Downloaded"),
            Map.entry("VERIFIED", "Download verified"), Map.entry("EXAMINING", "Being examined"),
            Map.entry("EXAMINED", "Examined"), Map.entry("READY_FOR_COLLECTION", "Ready for collection"),
            Map.entry("RETURNED", "Returned"),
            // device types
            Map.entry("MOBILE_PHONE", "Mobile phone"), Map.entry("TABLET", "Tablet"), Map.entry("LAPTOP", "Laptop"),
            Map.entry("DESKTOP", "Desktop computer"), Map.entry("SMARTWATCH", "Smartwatch"),
            Map.entry("STORAGE_MEDIA", "Storage media"),
            // owners and holders
            Map.entry("VICTIM", "Victim"), Map.entry("WITNESS", "Witness"), Map.entry("SUSPECT", "Suspect"),
            Map.entry("OTHER", "Other"), Map.entry("OFFICER", "Officer"), Map.entry("PROPERTY_STORE", "Property store"),
            Map.entry("COURIER", "Courier"), Map.entry("LAB", "Lab"), Map.entry("OWNER", "Owner"),
            Map.entry("REPRESENTATIVE", "Representative"), Map.entry("ISVA", "ISVA"),
            // extraction types
            Map.entry("LOGICAL", "Logical"), Map.entry("FILE_SYSTEM", "File system"),
            Map.entry("FULL_FILE_SYSTEM", "Full file system"), Map.entry("PHYSICAL", "Physical"),
            Map.entry("SELECTIVE", "Selective"),
            // legal bases and replacements
            Map.entry("PCSC_S37_AGREEMENT", "Agreement (PCSC Act 2022 s.37)"),
            Map.entry("PCSC_S38_AGREEMENT_ON_BEHALF", "Agreement on the user's behalf (PCSC Act 2022 s.38)"),
            Map.entry("PACE_SEIZURE", "Seizure under PACE"), Map.entry("WARRANT", "Warrant"),
            Map.entry("SWAP_OUT", "Swap-out phone"), Map.entry("BASIC_HANDSET", "Basic handset"),
            Map.entry("PHONE_CALL", "phone call"), Map.entry("IN_PERSON", "in person"), Map.entry("VIA_ISVA", "via ISVA"),
            Map.entry("EMAIL", "email"), Map.entry("SMS", "text message"), Map.entry("LETTER", "letter"),
            // label paper
            Map.entry("ROLL_62MM", "62 mm label roll"), Map.entry("A4_SHEET", "A4 sheet"),
            // alert states (rules' words are the contract's AlertWords); severities for tables that name one alone
            Map.entry("WARNING", "Warning"), Map.entry("BREACH", "Breach"), Map.entry("OPEN", "Open"),
            Map.entry("ACKNOWLEDGED", "Acknowledged"), Map.entry("RESOLVED", "Resolved"));

    /** What went wrong for an alert of this rule, as a sentence: "A victim's or witness's device not returned ...". */
    public String why(Object rule) {
        return rule(rule == null ? null : rule.toString())
                .map(r -> sentence(AlertWords.description(r).en())).orElse("");
    }

    /**
     * What an alert's severity means for its rule, as a sentence: "Deadline missed", or for a finding such as a
     * broken seal "Chain of custody at risk".
     */
    public String meaning(Object rule, Object severity) {
        Optional<AlertRule> r = rule(rule == null ? null : rule.toString());
        if (r.isEmpty() || severity == null) {
            return "";
        }
        return sentence(AlertWords.severity(r.get(), AlertSeverity.valueOf(severity.toString())).en());
    }

    /** A phrase as a sentence: its first letter in capitals ("ready for collection now" reads "Ready ..."). */
    public String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The most likely date of an expected return and how it was worked out, as sentences: "Most likely 3 December
     * 2026. 2 device(s) ahead in the queue at ...".
     */
    public String likely(ExpectedReturn expected) {
        String basis = sentence(expected.basis());
        return "Most likely " + date(expected.likely()) + "."
                + (basis.isEmpty() ? "" : " " + basis + (basis.endsWith(".") ? "" : "."));
    }

    private static Optional<AlertRule> rule(String name) {
        for (AlertRule rule : AlertRule.values()) {
            if (rule.name().equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** "1 December 2026 at 2:05pm", in UK time; empty for null. */
    public String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(UK);
        return DATE.format(local) + " at " + TIME.format(local).toLowerCase(Locale.UK);
    }

    /** "1 December 2026"; empty for null. */
    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** "1 December 2026" of an instant in UK time; empty for null. */
    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(UK));
    }

    /**
     * A code of the contract in words: {@code AT_LAB} is "At the lab", an alert rule its {@link AlertWords#label}
     * ({@code RETURN_24H} is "Return within 24 hours"); an unknown code reads as a sentence.
     */
    public String words(Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        String known = WORDS.get(name);
        if (known != null) {
            return known;
        }
        Optional<AlertRule> rule = rule(name);
        if (rule.isPresent()) {
            return AlertWords.label(rule.get());
        }
        for (AlertSeverity severity : AlertSeverity.values()) {
            if (severity.name().equals(name)) {
                return AlertWords.severity(severity);
            }
        }
        String plain = name.replace('_', ' ').toLowerCase(Locale.UK);
        return plain.isEmpty() ? plain : Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
    }

    /** "due in 3h 20m" or "overdue by 1d 2h", from now; the page's script keeps it current. */
    public String countdown(Instant due) {
        if (due == null) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() || left.isZero() ? "overdue by " + span(left.abs()) : "due in " + span(left);
    }

    /** A length of time as the countdowns show it: "1d 2h", or "3h 20m" under a day. */
    public String duration(Duration d) {
        return span(d.abs());
    }

    private static String span(Duration d) {
        long days = d.toDays();
        long hours = d.minusDays(days).toHours();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        return d.toHours() + "h " + d.minusHours(d.toHours()).toMinutes() + "m";
    }

    /** Whether a time has passed. */
    public boolean past(Instant instant) {
        return instant != null && !instant.isAfter(clock.instant());
    }

    /** "3.5 days", "1 day". */
    public String days(double days) {
        if (days < 1) {
            long hours = Math.round(days * 24);
            return hours + (hours == 1 ? " hour" : " hours");
        }
        String d = days == Math.floor(days) ? String.valueOf((long) days) : String.format(Locale.UK, "%.1f", days);
        return d + (d.equals("1") ? " day" : " days");
    }

    /** "64.0 GB" for a size in bytes. */
    public String bytes(long bytes) {
        if (bytes < 1_000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.UK, "%.1f %s", value, units[unit]);
    }
}
