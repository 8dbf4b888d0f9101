package dev.custody.notifier.template;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.AlertWords;
import dev.custody.values.OwnerRole;

/**
 * The words for alert rules, severities and owners in supervisor messages, in both languages. The rules' and
 * severities' words are the contract's {@link AlertWords}, which the pages read too.
 */
public final class AlertTexts {

    private AlertTexts() {
    }

    public static Localised describe(AlertRule rule) {
        return localised(AlertWords.description(rule));
    }

    /** The severity as a supervisor reads it: a finding such as a broken seal is not a missed deadline. */
    public static Localised severity(AlertRule rule, AlertSeverity severity) {
        return localised(AlertWords.severity(rule, severity));
    }

    public static Localised owner(OwnerRole role) {
        return switch (role) {
            case VICTIM -> new Localised("victim", "dioddefwr");
            case WITNESS -> new Localised("witness", "tyst");
            case SUSPECT -> new Localised("suspect", "un a amheuir");
            case OTHER -> new Localised("other", "arall");
        };
    }

    private static Localised localised(AlertWords.Words words) {
        return new Localised(words.en(), words.cy());
    }
}
