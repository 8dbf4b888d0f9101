package dev.custody.device;

import dev.custody.device.RuleViolation.FieldProblem;
import dev.custody.values.Agreement;
import dev.custody.values.AgreementGiver;
import dev.custody.values.Justification;
import dev.custody.values.LegalBasis;
import dev.custody.values.LegalRecord;
import dev.custody.values.NoticeElement;
import dev.custody.values.Scope;
import dev.custody.values.ScopeReview;
import dev.custody.values.SeizureDetails;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.WrittenNotice;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The "no blank forms" rule: the record a seizure must carry before the device can be taken.
 * <p>
 * Every problem is collected and reported together, each under the JSON path of the request field, so an officer
 * fixes the form once rather than one field per attempt. Sources: PCSC Act 2022 ss.37-39, R v Bater-James, and the
 * ICO's finding that consent forms were sent blank "to be filled in later".
 */
final class SeizureForm {

    static final String RULE = "incomplete-seizure-record";
    static final String LONG_RANGE_RULE = "date-range-exceeds-limit";

    private final List<FieldProblem> problems = new ArrayList<>();
    private final RecordSubstance substance;

    private SeizureForm(RecordSubstance substance) {
        this.substance = substance;
    }

    /**
     * @param substance what the justification texts must contain to count (see {@link RecordSubstance})
     * @return the date-range review to record with the seizure
     * @throws RuleViolation listing every missing or inconsistent field
     */
    static ScopeReview check(SeizureDetails details, Period rangeLimit, RecordSubstance substance) {
        if (details == null) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, RULE, "the seizure record is missing",
                    List.of(new FieldProblem("details", "is required")));
        }
        SeizureForm form = new SeizureForm(substance);
        form.require(details.caseReference() != null, "caseReference", "is required");
        form.require(details.ownerRole() != null, "ownerRole", "is required");
        if (details.device() == null) {
            form.problem("device", "is required");
        } else {
            form.require(details.device().type() != null, "device.type", "is required");
            form.require(notBlank(details.device().sealNumber()), "device.sealNumber", "is required: the seal is checked at every hand-over");
        }
        form.checkLegal(details);
        ScopeReview review = form.checkScope(details.scope(), details, rangeLimit);
        form.checkTimeSensitive(details.timeSensitiveData());
        if (details.ownerRole() != null && details.ownerRole() == dev.custody.values.OwnerRole.VICTIM) {
            if (details.victimCare() == null) {
                form.problem("victimCare", "is required for a victim: the Victims' Code tier and the agreed update frequency");
            } else {
                form.require(details.victimCare().tier() != null, "victimCare.tier", "is required");
                form.require(details.victimCare().updateEveryDays() >= 1 && details.victimCare().updateEveryDays() <= 90,
                        "victimCare.updateEveryDays", "must be between 1 and 90 days");
            }
        }
        form.throwIfAny();
        if (review.exceedsLimit() && !substance.hasSubstance(details.scope().longRangeJustification())) {
            throw RuleViolation.unprocessable(LONG_RANGE_RULE, "The date range is longer than " + rangeLimit
                    + ". Explain why a range this long is proportionate: what in the case reaches back that far."
                    + form.inAtLeast(), "scope.longRangeJustification");
        }
        return review;
    }

    /** Victims' and witnesses' devices, and anything held on agreement, need the full s.37-39 record. */
    private static boolean needsFullRecord(SeizureDetails details) {
        return SeizureDetails.needsFullRecord(details.ownerRole(),
                details.legal() == null ? null : details.legal().basis());
    }

    private void checkLegal(SeizureDetails details) {
        LegalRecord legal = details.legal();
        if (legal == null) {
            problem("legal", "is required: purpose and legal basis");
            return;
        }
        require(legal.purpose() != null, "legal.purpose", "is required: one of the s.37(2) purposes");
        require(legal.basis() != null, "legal.basis", "is required");
        if (!needsFullRecord(details)) {
            return;
        }
        Justification j = legal.justification();
        if (j == null) {
            problem("legal.justification", "is required: line of enquiry, rationale and alternatives considered");
        } else {
            requireSubstance(j.lineOfEnquiry(), "legal.justification.lineOfEnquiry",
                    "Describe the reasonable line of enquiry the device is needed for: what you expect it to hold, "
                            + "and why that matters to the investigation.");
            requireSubstance(j.necessityAndProportionality(), "legal.justification.necessityAndProportionality",
                    "Explain why taking data from the device is necessary, and why it is proportionate to what you "
                            + "are looking for.");
            requireSubstance(j.alternativesConsidered(), "legal.justification.alternativesConsidered",
                    "Record the other ways of getting this information that you considered or tried, and why they "
                            + "are not enough.");
        }
        WrittenNotice notice = legal.notice();
        if (notice == null) {
            problem("legal.notice", "is required: the s.39 written notice given");
        } else {
            require(notBlank(notice.version()), "legal.notice.version", "must not be blank");
            require(notice.language() != null, "legal.notice.language", "is required");
            if (!notice.missingElements().isEmpty()) {
                problem("legal.notice.elementsConfirmed", "must cover all five s.39 elements; missing "
                        + notice.missingElements().stream().map(NoticeElement::name).sorted().collect(Collectors.joining(", ")));
            }
        }
        Agreement agreement = legal.agreement();
        if (agreement == null) {
            problem("legal.agreement", "is required: who agreed and when");
        } else {
            require(agreement.givenBy() != null, "legal.agreement.givenBy", "is required");
            checkWhoAgreed(legal.basis(), agreement.givenBy());
            require(agreement.agreedAt() != null, "legal.agreement.agreedAt", "is required");
        }
    }

    /** s.37: the user agrees for themselves; s.38: someone agrees on behalf of a child or an adult without capacity. */
    private void checkWhoAgreed(LegalBasis basis, AgreementGiver givenBy) {
        if (givenBy == null) {
            return;
        }
        if (basis == LegalBasis.PCSC_S37_AGREEMENT && givenBy != AgreementGiver.DEVICE_USER) {
            problem("legal.agreement.givenBy", "Under s.37 the device's user agrees for themselves. If someone agreed "
                    + "on behalf of a child or an adult without capacity, choose the s.38 legal basis.");
        }
        if (basis == LegalBasis.PCSC_S38_AGREEMENT_ON_BEHALF && givenBy == AgreementGiver.DEVICE_USER) {
            problem("legal.agreement.givenBy", "Under s.38 someone agrees on behalf of a child or an adult without "
                    + "capacity: say who gave the agreement, such as a parent or guardian.");
        }
    }

    private ScopeReview checkScope(Scope scope, SeizureDetails details, Period limit) {
        if (scope == null) {
            if (needsFullRecord(details)) {
                problem("scope", "is required: a bounded date range and the data categories");
            }
            return new ScopeReview(limit, false);
        }
        if (needsFullRecord(details)) {
            require(scope.from() != null, "scope.from", "is required: the date range must be bounded");
            require(scope.to() != null, "scope.to", "is required: the date range must be bounded");
            require(!scope.categories().isEmpty(), "scope.categories", "must name at least one category of data");
        }
        if (scope.isBounded() && scope.from().isAfter(scope.to())) {
            problem("scope.to", "must not be before scope.from");
        }
        // An open-ended range is longer than any limit, and is recorded as such for inspectors.
        return new ScopeReview(limit, scope.exceeds(limit));
    }

    private void checkTimeSensitive(List<TimeSensitiveData> flags) {
        for (int i = 0; i < flags.size(); i++) {
            require(flags.get(i).kind() != null, "timeSensitiveData[" + i + "].kind", "is required");
        }
    }

    /** A justification text: blank, a placeholder or a few letters are all refused with what is needed. */
    private void requireSubstance(String text, String field, String whatIsNeeded) {
        require(substance.hasSubstance(text), field, whatIsNeeded + inAtLeast());
    }

    private String inAtLeast() {
        return " Write at least " + substance.minLetters() + " letters in your own words; \"n/a\", \"none\" or "
                + "\"-\" is not a record.";
    }

    private void require(boolean ok, String field, String message) {
        if (!ok) {
            problem(field, message);
        }
    }

    private void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    private void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, RULE,
                    "the seizure record is incomplete: " + problems.size() + " field(s) need attention", problems);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
