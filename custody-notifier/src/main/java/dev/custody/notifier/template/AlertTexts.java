package dev.custody.notifier.template;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.OwnerRole;

/** The words for alert rules, severities and owners in supervisor messages, in both languages. */
public final class AlertTexts {

    private AlertTexts() {
    }

    public static Localised describe(AlertRule rule) {
        return switch (rule) {
            case RETURN_24H -> new Localised("a victim's or witness's device not returned within 24 hours",
                    "dyfais dioddefwr neu dyst heb ei dychwelyd o fewn 24 awr");
            case REPLACEMENT_24H -> new Localised("no replacement phone within 24 hours",
                    "dim ffôn dros dro o fewn 24 awr");
            case DOWNLOAD_STUCK -> new Localised("a download started but not finished",
                    "lawrlwytho wedi dechrau ond heb orffen");
            case DOWNLOAD_UNVERIFIED -> new Localised("a completed download not verified",
                    "lawrlwythiad wedi'i gwblhau heb ei wirio");
            case DOWNLOAD_STALE -> new Localised("a completed download waiting for examination",
                    "lawrlwythiad wedi'i gwblhau yn aros i gael ei archwilio");
            case TIME_SENSITIVE_DATA -> new Localised("data at risk of disappearing, not yet downloaded",
                    "data mewn perygl o ddiflannu, heb ei lawrlwytho eto");
            case VICTIM_UPDATE_OVERDUE -> new Localised("the victim's update is overdue",
                    "mae diweddariad y dioddefwr yn hwyr");
            case LONG_HOLD -> new Localised("held past the review point",
                    "wedi'i chadw y tu hwnt i'r pwynt adolygu");
            case SEAL_INTEGRITY -> new Localised("a seal found broken, or not the one recorded at seizure, when the "
                    + "device changed hands (the due time is when it was found)",
                    "sêl wedi'i chanfod wedi torri, neu nid yr un a gofnodwyd wrth atafaelu, pan newidiodd y ddyfais "
                            + "ddwylo (yr amser erbyn yw pan gafodd ei chanfod)");
        };
    }

    /** The severity as a supervisor reads it: a finding such as a broken seal is not a missed deadline. */
    public static Localised severity(AlertRule rule, AlertSeverity severity) {
        if (!rule.isDeadline()) {
            return new Localised("chain of custody at risk", "cadwyn y gadwraeth mewn perygl");
        }
        return switch (severity) {
            case WARNING -> new Localised("warning", "rhybudd");
            case BREACH -> new Localised("deadline missed", "terfyn amser wedi'i fethu");
        };
    }

    public static Localised owner(OwnerRole role) {
        return switch (role) {
            case VICTIM -> new Localised("victim", "dioddefwr");
            case WITNESS -> new Localised("witness", "tyst");
            case SUSPECT -> new Localised("suspect", "un a amheuir");
            case OTHER -> new Localised("other", "arall");
        };
    }
}
