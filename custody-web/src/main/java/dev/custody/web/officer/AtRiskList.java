package dev.custody.web.officer;

import dev.custody.values.TimeSensitiveKind;
import dev.custody.web.form.FormErrors;
import org.springframework.util.MultiValueMap;

/**
 * The data-at-risk page's list: zero or more flags, each added with "Add" and taken off with "Remove". A flag
 * typed but not added when the person continues is added then, so nothing typed is lost.
 */
final class AtRiskList {

    static final String KIND = "atRisk.kind";

    private AtRiskList() {
    }

    /** "Add" or "Remove n". */
    static FormErrors change(SeizureDraft d, String action, MultiValueMap<String, String> form) {
        if (action.startsWith("remove-")) {
            try {
                int index = Integer.parseInt(action.substring("remove-".length()));
                if (index >= 0 && index < d.atRisk.size()) {
                    d.atRisk.remove(index);
                }
            } catch (NumberFormatException e) {
                // a tampered button: nothing to remove
            }
            return FormErrors.none();
        }
        if (pending(form)) {
            return addPending(d, form);
        }
        return FormErrors.field(SeizureQuestions.RULE, KIND, "Choose the kind of data at risk, then select Add");
    }

    /** Adds the flag typed into the add form, if any. */
    static FormErrors addPending(SeizureDraft d, MultiValueMap<String, String> form) {
        if (!pending(form)) {
            return FormErrors.none();
        }
        if (SeizurePage.constant(TimeSensitiveKind.class, form.getFirst("atRiskKind")) == null) {
            return FormErrors.field(SeizureQuestions.RULE, KIND, "Choose the kind of data at risk");
        }
        d.atRisk.add(new SeizureDraft.AtRisk(form.getFirst("atRiskKind"), form.getFirst("atRiskApp"),
                form.getFirst("atRiskDay"), form.getFirst("atRiskMonth"), form.getFirst("atRiskYear")));
        return FormErrors.none();
    }

    private static boolean pending(MultiValueMap<String, String> form) {
        for (String name : new String[]{"atRiskKind", "atRiskApp", "atRiskDay", "atRiskMonth", "atRiskYear"}) {
            String v = form.getFirst(name);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
