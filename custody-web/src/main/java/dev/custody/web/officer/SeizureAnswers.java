package dev.custody.web.officer;

import dev.custody.device.DeviceRequests.AgreementRequest;
import dev.custody.device.DeviceRequests.DeviceDescriptionRequest;
import dev.custody.device.DeviceRequests.JustificationRequest;
import dev.custody.device.DeviceRequests.ScopeRequest;
import dev.custody.device.DeviceRequests.TimeSensitiveDataRequest;
import dev.custody.device.DeviceRequests.WrittenNoticeRequest;
import dev.custody.device.DeviceRequests.LegalRecordRequest;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.notifier.contact.ContactRegistration;
import dev.custody.values.AgreementGiver;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceType;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.NoticeElement;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.web.form.Answers;
import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.form.When;
import dev.custody.web.layout.Formats;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.custody.web.officer.SeizurePage.constant;

/**
 * A draft's answers as the command side takes them: the seizure request (exactly what the REST API takes) and the
 * victim's contact details for the vault. What the text cannot say (a date that does not exist, a number that is
 * not one) goes into {@link #problems}, under the field it would have filled; everything else is the command side's
 * to judge ({@code DeviceCommands.seizureProblems}), with its own messages.
 */
final class SeizureAnswers {

    final SeizeDeviceRequest request;
    final ContactRegistration.Details contact;
    final List<FieldProblem> problems = new ArrayList<>();

    SeizureAnswers(SeizureDraft d, Instant now) {
        When.Result when = new When(d.day, d.month, d.year, d.time).resolve(now);
        if (when.error() != null) {
            problems.add(new FieldProblem(When.FIELD, when.error()));
        }
        OwnerRole owner = constant(OwnerRole.class, d.ownerRole);
        LegalBasis basis = constant(LegalBasis.class, d.basis);
        boolean victim = owner == OwnerRole.VICTIM;
        request = new SeizeDeviceRequest(d.reseizure ? null : d.deviceId, when.instant(), Answers.text(d.caseReference),
                new DeviceDescriptionRequest(constant(DeviceType.class, d.deviceType), Answers.text(d.description),
                        Answers.text(d.sealNumber)),
                owner,
                new LegalRecordRequest(constant(Purpose.class, d.purpose), basis,
                        SeizurePage.JUSTIFICATION.appliesTo(d) ? justification(d) : null,
                        SeizurePage.NOTICE.appliesTo(d) ? notice(d) : null,
                        SeizurePage.AGREEMENT.appliesTo(d) ? agreement(d) : null),
                scope(d), atRisk(d), victim ? victimCare(d) : null,
                victim && d.contactChannel != null ? d.contactReference : null);
        contact = victim && d.contactChannel != null ? contact(d) : null;
    }

    private static JustificationRequest justification(SeizureDraft d) {
        return new JustificationRequest(Answers.text(d.lineOfEnquiry), Answers.text(d.necessityAndProportionality),
                Answers.text(d.alternativesConsidered), "yes".equals(d.thirdPartyDataLikely));
    }

    private WrittenNoticeRequest notice(SeizureDraft d) {
        Set<NoticeElement> elements = EnumSet.noneOf(NoticeElement.class);
        for (String e : d.noticeElements) {
            NoticeElement element = constant(NoticeElement.class, e);
            if (element != null) {
                elements.add(element);
            }
        }
        return new WrittenNoticeRequest(Answers.text(d.noticeVersion), constant(Language.class, d.noticeLanguage), elements);
    }

    private AgreementRequest agreement(SeizureDraft d) {
        Instant at = dateTime("legal.agreement.agreedAt", "when they agreed", d.agreedDay, d.agreedMonth,
                d.agreedYear, d.agreedTime);
        return new AgreementRequest(constant(AgreementGiver.class, d.agreedBy), at);
    }

    private ScopeRequest scope(SeizureDraft d) {
        LocalDate from = date("scope.from", "the first day", d.fromDay, d.fromMonth, d.fromYear);
        LocalDate to = date("scope.to", "the last day", d.toDay, d.toMonth, d.toYear);
        Set<DataCategory> categories = new LinkedHashSet<>();
        for (String c : d.categories) {
            DataCategory category = constant(DataCategory.class, c);
            if (category != null) {
                categories.add(category);
            }
        }
        if (from == null && to == null && categories.isEmpty() && Answers.text(d.longRangeJustification) == null
                && !SeizurePage.JUSTIFICATION.appliesTo(d)) {
            return null; // no scope given where none is required: the seizure records none
        }
        return new ScopeRequest(from, to, categories, Answers.text(d.longRangeJustification));
    }

    private List<TimeSensitiveDataRequest> atRisk(SeizureDraft d) {
        List<TimeSensitiveDataRequest> flags = new ArrayList<>();
        for (int i = 0; i < d.atRisk.size(); i++) {
            SeizureDraft.AtRisk r = d.atRisk.get(i);
            LocalDate expires = date("timeSensitiveData[" + i + "].expiresAt", "the day it disappears", r.day(),
                    r.month(), r.year());
            flags.add(new TimeSensitiveDataRequest(constant(TimeSensitiveKind.class, r.kind()), Answers.text(r.app()),
                    expires == null ? null : expires.atTime(LocalTime.MIDNIGHT).atZone(Formats.UK).toInstant()));
        }
        return flags;
    }

    private VictimCare victimCare(SeizureDraft d) {
        VictimsCodeTier tier = constant(VictimsCodeTier.class, d.victimTier);
        int every = 0;
        String days = Answers.text(d.updateEveryDays);
        if (days != null) {
            try {
                every = Integer.parseInt(days);
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("victimCare.updateEveryDays",
                        "Enter how often to update them as a number of days, for example 28"));
            }
        }
        return new VictimCare(tier, every);
    }

    private static ContactRegistration.Details contact(SeizureDraft d) {
        ContactChannel channel = constant(ContactChannel.class, d.contactChannel);
        // No address is kept for a person who wants no messages.
        String from = Answers.text(d.safeFrom);
        String until = Answers.text(d.safeUntil);
        return new ContactRegistration.Details(channel, Answers.text(d.contactAddress),
                d.contactLanguage == null ? "unknown" : d.contactLanguage, !"yes".equals(d.notSafeToContact),
                from == null && until == null ? null : new ContactRegistration.SafeHoursText(from, until, null));
    }

    /** A GOV.UK date input's day; null with a problem when it is incomplete or no real date, null when empty. */
    private LocalDate date(String field, String what, String day, String month, String year) {
        if (blank(day) && blank(month) && blank(year)) {
            return null;
        }
        if (blank(day) || blank(month) || blank(year)) {
            problems.add(new FieldProblem(field, "Enter " + what + " as day, month and year, for example 27 11 2026"));
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
                    Integer.parseInt(day.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            problems.add(new FieldProblem(field, "Enter a real date for " + what + ", for example 27 11 2026"));
            return null;
        }
    }

    private Instant dateTime(String field, String what, String day, String month, String year, String time) {
        LocalDate date = date(field, what, day, month, year);
        if (date == null) {
            return null;
        }
        if (blank(time)) {
            problems.add(new FieldProblem(field, "Enter the time of " + what + ", for example 14:30"));
            return null;
        }
        try {
            String t = time.strip().replace('.', ':');
            return ZonedDateTime.of(date, LocalTime.parse(t.length() == 4 ? "0" + t : t), Formats.UK).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "Enter the time in 24-hour format, for example 14:30"));
            return null;
        }
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
