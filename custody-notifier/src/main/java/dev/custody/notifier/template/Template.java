package dev.custody.notifier.template;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every message the notifier sends, with the placeholders its text may use. {@link #required()} must appear in every
 * language's body (a victim message always gives the reference, the number to call and its status link); anything
 * not in {@link #allowed()} is a typo, refused when the templates are loaded.
 */
public enum Template {
    SEIZURE_RECEIPT("seizure-receipt", Audience.VICTIM, Set.of(),
            Set.of("expectedReturn", "expectedLikely", "expectedEarliest", "expectedLatest")),
    REPLACEMENT_ISSUED("replacement-issued", Audience.VICTIM, Set.of(), Set.of()),
    READY_FOR_COLLECTION("ready-for-collection", Audience.VICTIM, Set.of(), Set.of()),
    DEVICE_RETURNED("device-returned", Audience.VICTIM, Set.of(), Set.of()),
    RETENTION_EXTENDED("retention-extended", Audience.VICTIM, Set.of("retainedUntil", "retentionReason"), Set.of()),
    RETURN_OVERDUE_APOLOGY("return-overdue-apology", Audience.VICTIM, Set.of(), Set.of()),
    REGULAR_UPDATE("regular-update", Audience.VICTIM, Set.of("updateEveryDays"),
            Set.of("expectedReturn", "expectedLikely", "expectedEarliest", "expectedLatest")),
    SUPERVISOR_ALERT("supervisor-alert", Audience.SUPERVISOR,
            Set.of("deviceId", "ruleName", "ruleDescription", "severity", "dueAt", "raisedAt", "ownerRole"), Set.of());

    public enum Audience {
        VICTIM,
        SUPERVISOR
    }

    private final String fileName;
    private final Audience audience;
    private final Set<String> required;
    private final Set<String> allowed;

    Template(String fileName, Audience audience, Set<String> required, Set<String> optional) {
        this.fileName = fileName;
        this.audience = audience;
        Set<String> req = new LinkedHashSet<>(required);
        if (audience == Audience.VICTIM) {
            // Every victim message says which device it is about and whom to call, and nothing more identifying,
            // and carries its own link to the status page.
            req.addAll(Set.of("reference", "forceName", "contactNumber", "statusLink"));
        } else {
            req.add("forceName");
        }
        this.required = Set.copyOf(req);
        Set<String> all = new LinkedHashSet<>(req);
        all.addAll(optional);
        this.allowed = Set.copyOf(all);
    }

    /** The template's name in files, the send log and metrics, and the reason in VictimNotified. */
    public String fileName() {
        return fileName;
    }

    public Audience audience() {
        return audience;
    }

    public Set<String> required() {
        return required;
    }

    public Set<String> allowed() {
        return allowed;
    }

    public static Template byFileName(String name) {
        for (Template t : values()) {
            if (t.fileName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no template " + name);
    }
}
