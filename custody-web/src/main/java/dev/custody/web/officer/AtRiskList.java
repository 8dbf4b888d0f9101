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
    static final String EXPIRES = "atRisk.expiresAt";

    private AtRiskList() {
    }

    /** "Remove n": takes the n-th flag off. */
    static void remove(SeizureDraft d, String action) {
        try {
            int index = Integer.parseInt(action.substring("remove-".length()));
            if (index >= 0 && index < d.atRisk.size()) {
                d.atRisk.remove(index);
            }
        } catch (NumberFormatException e) {
            // a tampered button: nothing to remove
        }
    }

    /** Adds the flag typed into the add form, if any. */
    static FormErrors addPending(SeizureDraft d, MultiValueMap<String, String> form) {
        if (!pending(form)) {
            return FormErrors.none();
        }
        if (SeizurePage.constant(TimeSensitiveKind.class, form.getFirst("atRiskKind")) == null) {
            return FormErrors.field(SeizureQuestions.RULE, KIND, "Choose the kind of data at risk");
        }
        String day = form.getFirst("atRiskDay");
        String month = form.getFirst("atRiskMonth");
        String year = form.getFirst("atRiskYear");
        if (!(blank(day) && blank(month) && blank(year))) {
            try {
                java.time.LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
                        Integer.parseInt(day.strip()));
            } catch (RuntimeException e) {
                return FormErrors.field(SeizureQuestions.RULE, EXPIRES,
                        "Enter a real date as day, month and year, for example 4 12 2026, or leave it empty");
            }
        }
        d.atRisk.add(new SeizureDraft.AtRisk(form.getFirst("atRiskKind"), form.getFirst("atRiskApp"),
                form.getFirst("atRiskDay"), form.getFirst("atRiskMonth"), form.getFirst("atRiskYear")));
        return FormErrors.none();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static boolean pending(MultiValueMap<String, String> form) {
        for (String name : new String[]{"atRiskKind", "atRiskApp", "atRiskDay", "atRiskMonth", "atRiskYear"}) {
            String v = form.getFirst(name);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
