package dev.custody.values;

/**
 * The words people read for each alert rule and severity: one place for every page (English), the lab queue's
 * reasons and the supervisors' messages (English and Welsh). A person never reads a rule's code name
 * ({@code RETURN_24H}); the code stays the contract's, for machines.
 * <ul>
 *   <li>{@link #label}: a short name, as a heading, a table cell or a filter's option ("Return within 24 hours");</li>
 *   <li>{@link #description}: what went wrong, as part of a sentence ("a victim's or witness's device not returned
 *       within 24 hours");</li>
 *   <li>{@link #severity(AlertSeverity)}: the severity on its own ("Warning", "Breach"), and
 *       {@link #severity(AlertRule, AlertSeverity)} what it means for a rule: a finding such as a broken seal is not
 *       a missed deadline.</li>
 * </ul>
 */
public final class AlertWords {

    /** The same words in English and in Welsh. */
    public record Words(String en, String cy) {
    }

    private AlertWords() {
    }

    /** A rule's short name, in English: "Return within 24 hours". */
    public static String label(AlertRule rule) {
        return switch (rule) {
            case RETURN_24H -> "Return within 24 hours";
            case REPLACEMENT_24H -> "Replacement phone within 24 hours";
            case DOWNLOAD_STUCK -> "Download stuck";
            case DOWNLOAD_UNVERIFIED -> "Download not verified";
            case DOWNLOAD_STALE -> "Examination not started";
            case TIME_SENSITIVE_DATA -> "Data at risk of disappearing";
            case VICTIM_UPDATE_OVERDUE -> "Victim update overdue";
            case LONG_HOLD -> "Held past the review point";
            case SEAL_INTEGRITY -> "Seal broken or different";
        };
    }

    /** What went wrong, in lower case to go inside a sentence. */
    public static Words description(AlertRule rule) {
        return switch (rule) {
            case RETURN_24H -> new Words("a victim's or witness's device not returned within 24 hours",
                    "dyfais dioddefwr neu dyst heb ei dychwelyd o fewn 24 awr");
            case REPLACEMENT_24H -> new Words("no replacement phone within 24 hours",
                    "dim ffôn dros dro o fewn 24 awr");
            case DOWNLOAD_STUCK -> new Words("a download started but not finished",
                    "lawrlwytho wedi dechrau ond heb orffen");
            case DOWNLOAD_UNVERIFIED -> new Words("a completed download not verified",
                    "lawrlwythiad wedi'i gwblhau heb ei wirio");
            case DOWNLOAD_STALE -> new Words("a completed download waiting for examination",
                    "lawrlwythiad wedi'i gwblhau yn aros i gael ei archwilio");
            case TIME_SENSITIVE_DATA -> new Words("data at risk of disappearing, not yet downloaded",
                    "data mewn perygl o ddiflannu, heb ei lawrlwytho eto");
            case VICTIM_UPDATE_OVERDUE -> new Words("the victim's update is overdue",
                    "mae diweddariad y dioddefwr yn hwyr");
            case LONG_HOLD -> new Words("held past the review point",
                    "wedi'i chadw y tu hwnt i'r pwynt adolygu");
            case SEAL_INTEGRITY -> new Words("a seal found broken, or not the one recorded at seizure, when the "
                    + "device changed hands (the due time is when it was found)",
                    "sêl wedi'i chanfod wedi torri, neu nid yr un a gofnodwyd wrth atafaelu, pan newidiodd y ddyfais "
                            + "ddwylo (yr amser erbyn yw pan gafodd ei chanfod)");
        };
    }

    /** A severity on its own, in English, as a filter's option or a tag: "Warning", "Breach". */
    public static String severity(AlertSeverity severity) {
        return switch (severity) {
            case WARNING -> "Warning";
            case BREACH -> "Breach";
        };
    }

    /** What a severity means for a rule, in lower case: a finding is "chain of custody at risk", not a deadline. */
    public static Words severity(AlertRule rule, AlertSeverity severity) {
        if (!rule.isDeadline()) {
            return new Words("chain of custody at risk", "cadwyn y gadwraeth mewn perygl");
        }
        return switch (severity) {
            case WARNING -> new Words("warning", "rhybudd");
            case BREACH -> new Words("deadline missed", "terfyn amser wedi'i fethu");
        };
    }
}
