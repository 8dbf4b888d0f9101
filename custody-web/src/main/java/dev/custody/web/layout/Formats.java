package dev.custody.web.layout;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

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
            // deadline rules
            Map.entry("RETURN_24H", "Return within 24 hours"), Map.entry("REPLACEMENT_24H", "Replacement within 24 hours"),
            Map.entry("DOWNLOAD_STUCK", "Download stuck"), Map.entry("DOWNLOAD_UNVERIFIED", "Download not verified"),
            Map.entry("DOWNLOAD_STALE", "Examination not started"),
            Map.entry("TIME_SENSITIVE_DATA", "Data at risk of disappearing"),
            Map.entry("VICTIM_UPDATE_OVERDUE", "Victim update overdue"), Map.entry("LONG_HOLD", "Held past review point"),
            Map.entry("SEAL_INTEGRITY", "Seal broken or different"),
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
            // severities and alert states
            Map.entry("WARNING", "Warning"), Map.entry("BREACH", "Breach"), Map.entry("OPEN", "Open"),
            Map.entry("ACKNOWLEDGED", "Acknowledged"), Map.entry("RESOLVED", "Resolved"));

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

    /** A code of the contract in words: {@code AT_LAB} is "At the lab"; an unknown code reads as a sentence. */
    public String words(Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        String known = WORDS.get(name);
        if (known != null) {
            return known;
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
