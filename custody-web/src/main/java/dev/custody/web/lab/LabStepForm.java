package dev.custody.web.lab;

import dev.custody.web.form.When;

/**
 * What a lab step's form sends, as typed: every value a string, so that nothing is lost to a conversion error before
 * the form can say what is wrong. {@code version} is the version of the record the form was drawn from;
 * {@code attempt} the download attempt it is about.
 */
record LabStepForm(Long version, Integer attempt, String day, String month, String year, String time,
                   String sealNumber, String sealIntact, String tool, String extractionType, String sha256,
                   String sizeBytes, String reason, String relevantMaterialFound, String summary, String note) {

    static LabStepForm blank(long version, int attempt) {
        return new LabStepForm(version, attempt, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    When whenInput() {
        return new When(day, month, year, time);
    }

    /** The same answers on a form drawn from {@code version}: after a conflict, asked again. */
    LabStepForm at(long version) {
        return new LabStepForm(version, attempt, day, month, year, time, sealNumber, sealIntact, tool,
                extractionType, sha256, sizeBytes, reason, relevantMaterialFound, summary, note);
    }
}
