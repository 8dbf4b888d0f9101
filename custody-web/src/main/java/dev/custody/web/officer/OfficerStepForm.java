package dev.custody.web.officer;

import dev.custody.web.form.When;

/**
 * What an officer's step form sends, as typed (every value a string, so nothing is lost to a conversion error before
 * the form can say what is wrong). {@code version} is the version of the record the form was drawn from.
 */
record OfficerStepForm(Long version, String day, String month, String year, String time, String kind, String note,
                       String toKind, String toName, String sealNumber, String sealIntact, String returnedTo,
                       String channel, String language, String reason) {

    static OfficerStepForm blank(long version) {
        return new OfficerStepForm(version, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    When whenInput() {
        return new When(day, month, year, time);
    }

    /** The same answers on a form drawn from {@code version}: after a conflict, asked again. */
    OfficerStepForm at(long version) {
        return new OfficerStepForm(version, day, month, year, time, kind, note, toKind, toName, sealNumber,
                sealIntact, returnedTo, channel, language, reason);
    }
}
