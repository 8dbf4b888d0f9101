package dev.custody.web.officer;

import dev.custody.device.CustodyPolicy;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.values.Actor;
import dev.custody.values.AgreementGiver;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceType;
import dev.custody.values.LegalBasis;
import dev.custody.values.NoticeElement;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.SeizureDetails;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimsCodeTier;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.edge.FieldBounds;
import dev.custody.web.form.FormErrors;
import dev.custody.web.form.When;
import dev.custody.web.layout.Formats;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the seizure's question pages: each page's options, each field's label and the message for an
 * unanswered one, and "check your answers". The rules themselves are the command side's; this only says them in
 * the pages' words.
 */
@Component
class SeizureQuestions {

    static final String RULE = "incomplete-seizure-record";

    /** A radio or checkbox: the value sent, its label and an optional hint. */
    record Option(String value, String label, String hint) {
        static Option of(Enum<?> value, String label) {
            return new Option(value.name(), label, null);
        }

        static Option of(Enum<?> value, String label, String hint) {
            return new Option(value.name(), label, hint);
        }
    }

    /** A row of "check your answers": the question, the answer, and the page to change it on. */
    record Row(String key, String value, String slug, String field) {
    }

    /** Each field's label, by its path in the request (or {@code contact.*} for the vault's). */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(When.FIELD, "When it was seized"), Map.entry("caseReference", "Case reference"),
            Map.entry("device.type", "Kind of device"), Map.entry("device.description", "Description"),
            Map.entry("device.sealNumber", "Seal number"), Map.entry("ownerRole", "Whose device it is"),
            Map.entry("legal.purpose", "Purpose"), Map.entry("legal.basis", "Legal basis"),
            Map.entry("legal.justification.lineOfEnquiry", "Line of enquiry"),
            Map.entry("legal.justification.necessityAndProportionality", "Necessity and proportionality"),
            Map.entry("legal.justification.alternativesConsidered", "Other means considered"),
            Map.entry("legal.notice.elementsConfirmed", "What the notice told them"),
            Map.entry("legal.notice.version", "Notice version"), Map.entry("legal.notice.language", "Notice language"),
            Map.entry("legal.agreement.givenBy", "Who agreed"), Map.entry("legal.agreement.agreedAt", "When they agreed"),
            Map.entry("scope.from", "First day"), Map.entry("scope.to", "Last day"),
            Map.entry("scope.categories", "Kinds of data"),
            Map.entry("scope.longRangeJustification", "Why a longer range is needed"),
            Map.entry("victimCare.tier", "Victims' Code tier"),
            Map.entry("victimCare.updateEveryDays", "How often to update them"),
            Map.entry("contact.channel", "How to contact them"), Map.entry("contact.address", "Address or number"),
            Map.entry("contact.language", "Language"), Map.entry("contact.safeHours", "Safe hours"));

    /** What to say for a field left unanswered, in the GOV.UK style. */
    private static final Map<String, String> UNANSWERED = Map.ofEntries(
            Map.entry("caseReference", "Enter the case reference"),
            Map.entry("device.type", "Choose the kind of device"),
            Map.entry("device.sealNumber", "Enter the seal number of the evidence bag"),
            Map.entry("ownerRole", "Choose whose device it is"),
            Map.entry("legal.purpose", "Choose the purpose of the extraction"),
            Map.entry("legal.basis", "Choose the legal basis"),
            Map.entry("legal.notice.version", "Enter the version of the notice form you gave"),
            Map.entry("legal.notice.language", "Choose the language the notice was given in"),
            Map.entry("legal.agreement.givenBy", "Choose who gave the agreement"),
            Map.entry("legal.agreement.agreedAt", "Enter when they agreed"),
            Map.entry("scope.from", "Enter the first day of the date range: the range must be bounded"),
            Map.entry("scope.to", "Enter the last day of the date range: the range must be bounded"),
            Map.entry("scope.categories", "Choose at least one kind of data"),
            Map.entry("victimCare.tier", "Choose the victim's tier under the Victims' Code"));

    private final Formats formats;
    private final CustodyPolicy policy;
    private final Clock clock;

    SeizureQuestions(Formats formats, CustodyPolicy policy, Clock clock) {
        this.formats = formats;
        this.policy = policy;
        this.clock = clock;
    }

    /** A rule's message in the page's words: a generic one names its field, or says what to do. */
    static String message(String field, String message) {
        boolean generic = message.startsWith("is required") || message.startsWith("must not be null")
                || message.startsWith("must not be blank") || message.startsWith("must not be empty");
        String unanswered = UNANSWERED.get(field.replaceAll("\\[\\d+]", ""));
        if (generic && unanswered != null) {
            return unanswered;
        }
        if (!message.isEmpty() && Character.isLowerCase(message.charAt(0))) {
            String label = LABELS.getOrDefault(field, field);
            return label + " " + message;
        }
        return message;
    }

    String show(Actor actor, SeizureDraft d, SeizurePage page, FormErrors errors, boolean fromCheck, Model model) {
        if (page == SeizurePage.AGREEMENT && d.agreedDay == null) {
            // Agreement is usually given there and then: offer now, to be changed if it was earlier.
            ZonedDateTime now = clock.instant().atZone(Formats.UK);
            d.agreedDay = String.valueOf(now.getDayOfMonth());
            d.agreedMonth = String.valueOf(now.getMonthValue());
            d.agreedYear = String.valueOf(now.getYear());
            d.agreedTime = String.format(Locale.UK, "%02d:%02d", now.getHour(), now.getMinute());
        }
        model.addAttribute("draft", d);
        model.addAttribute("page", page);
        model.addAttribute("errors", errors);
        model.addAttribute("fromCheck", fromCheck);
        model.addAttribute("back", fromCheck ? SeizureJourneyController.BASE + "/" + d.id + "/check"
                : page.previous(d).map(p -> SeizureJourneyController.BASE + "/" + d.id + "/" + p.slug)
                .orElse(d.reseizure ? "/devices/" + d.deviceId : "/officer"));
        model.addAttribute("when", new When(d.day, d.month, d.year, d.time));
        // The count is shown once it cannot change: until whose device it is and the legal basis are known, the
        // s.37 and victim's pages may or may not follow.
        boolean settled = SeizureDetails.needsFullRecord(SeizurePage.constant(OwnerRole.class, d.ownerRole),
                SeizurePage.constant(LegalBasis.class, d.basis)) || d.ownerRole != null && d.basis != null;
        model.addAttribute("steps", settled ? SeizurePage.journey(d).size() : null);
        model.addAttribute("stepNumber", SeizurePage.journey(d).indexOf(page) + 1);
        model.addAttribute("minLetters", policy.substance().minLetters());
        model.addAttribute("rangeLimit", months(actor));
        model.addAttribute("opts", options());
        model.addAttribute("maxLength", FieldBounds.maxLengths(SeizeDeviceRequest.class));
        model.addAttribute("pageTitle", (errors.any() ? "Error: " : "") + page.question);
        return "officer/seize";
    }

    String check(Actor actor, SeizureDraft d, FormErrors errors, Map<String, SeizurePage> pages, Model model) {
        model.addAttribute("draft", d);
        model.addAttribute("errors", errors);
        model.addAttribute("errorPages", pages);
        model.addAttribute("rows", rows(d));
        model.addAttribute("back", SeizureJourneyController.BASE + "/" + d.id + "/"
                + SeizurePage.journey(d).get(SeizurePage.journey(d).size() - 1).slug);
        model.addAttribute("pageTitle", (errors.any() ? "Error: " : "") + "Check your answers before seizing the device");
        return "officer/check";
    }

    private String months(Actor actor) {
        Period limit = actor.force() == null ? policy.dateRangeLimit() : policy.dateRangeLimit(actor.force());
        long months = limit.toTotalMonths();
        return months > 0 && limit.getDays() == 0 ? months + (months == 1 ? " month" : " months") : limit.getDays() + " days";
    }

    /** The options of every question, by name, for the templates. */
    Map<String, List<Option>> options() {
        return Map.ofEntries(
                Map.entry("deviceType", enumOptions(DeviceType.values())),
                Map.entry("ownerRole", List.of(
                        Option.of(OwnerRole.VICTIM, "A victim", "They are told how the device is getting on, and it should go back within 24 hours"),
                        Option.of(OwnerRole.WITNESS, "A witness", "It should go back within 24 hours"),
                        Option.of(OwnerRole.SUSPECT, "A suspect"),
                        Option.of(OwnerRole.OTHER, "Someone else"))),
                Map.entry("purpose", List.of(
                        Option.of(Purpose.CRIME, "Preventing, detecting, investigating or prosecuting crime"),
                        Option.of(Purpose.MISSING_PERSON, "Helping to find a missing person"),
                        Option.of(Purpose.SAFEGUARDING, "Protecting a child or an at-risk adult from harm"))),
                Map.entry("basis", List.of(
                        Option.of(LegalBasis.PCSC_S37_AGREEMENT, "The user agreed (PCSC Act 2022 s.37)",
                                "They gave the device voluntarily and agreed to the extraction"),
                        Option.of(LegalBasis.PCSC_S38_AGREEMENT_ON_BEHALF, "Someone agreed on their behalf (s.38)",
                                "For a child, or an adult without capacity"),
                        Option.of(LegalBasis.PACE_SEIZURE, "Seized under PACE"),
                        Option.of(LegalBasis.WARRANT, "Seized under a warrant"),
                        Option.of(LegalBasis.OTHER, "Another power"))),
                Map.entry("yesNo", List.of(new Option("yes", "Yes", null), new Option("no", "No", null))),
                Map.entry("noticeElements", List.of(
                        Option.of(NoticeElement.INFORMATION_SOUGHT, "What information is sought"),
                        Option.of(NoticeElement.REASON_SOUGHT, "Why it is sought"),
                        Option.of(NoticeElement.HOW_IT_WILL_BE_HANDLED, "How it will be handled"),
                        Option.of(NoticeElement.MAY_REFUSE, "That they may refuse"),
                        Option.of(NoticeElement.REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION,
                                "That refusing will not by itself end the investigation"))),
                Map.entry("language", List.of(new Option("EN", "English", null), new Option("CY", "Welsh", null))),
                Map.entry("agreedBy", List.of(
                        Option.of(AgreementGiver.DEVICE_USER, "The device's user"),
                        Option.of(AgreementGiver.PARENT_OR_GUARDIAN, "A parent or guardian"),
                        Option.of(AgreementGiver.RELEVANT_AUTHORITY_REPRESENTATIVE, "A representative of a relevant authority"),
                        Option.of(AgreementGiver.OTHER_RESPONSIBLE_ADULT, "Another responsible adult"))),
                Map.entry("categories", enumOptions(DataCategory.values())),
                Map.entry("atRiskKind", List.of(
                        Option.of(TimeSensitiveKind.DATING_APP, "A dating app", "Chats can vanish when the other person un-matches"),
                        Option.of(TimeSensitiveKind.DISAPPEARING_MESSAGES, "Disappearing messages"),
                        Option.of(TimeSensitiveKind.CLOUD_RETENTION, "Data the cloud keeps for a limited time"),
                        Option.of(TimeSensitiveKind.OTHER, "Something else"))),
                Map.entry("victimTier", List.of(
                        Option.of(VictimsCodeTier.STANDARD, "Standard", "Key events told within 5 working days"),
                        Option.of(VictimsCodeTier.ENHANCED, "Enhanced rights", "Key events told within 1 working day"))),
                Map.entry("contactChannel", List.of(
                        Option.of(ContactChannel.SMS, "Text message", "Give a UK mobile number"),
                        Option.of(ContactChannel.EMAIL, "Email", "Give their email address"),
                        Option.of(ContactChannel.VIA_ISVA, "Through their ISVA", "Give the ISVA's email address"),
                        Option.of(ContactChannel.NONE, "They do not want messages"))),
                Map.entry("contactLanguage", List.of(new Option("en", "English", null),
                        new Option("cy", "Welsh", null), new Option("unknown", "Not known (both languages)", null))));
    }

    private List<Option> enumOptions(Enum<?>[] values) {
        List<Option> options = new ArrayList<>();
        for (Enum<?> v : values) {
            options.add(Option.of(v, formats.words(v)));
        }
        return options;
    }

    /** "Check your answers": one row per answer, each with the page it is changed on. */
    List<Row> rows(SeizureDraft d) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<Option>> o = options();
        rows.add(new Row("Case reference", d.caseReference, "device", "caseReference"));
        rows.add(new Row("Kind of device", label(o, "deviceType", d.deviceType), "device", "device.type"));
        rows.add(new Row("Description", d.description, "device", "device.description"));
        rows.add(new Row("Seal number", d.sealNumber, "device", "device.sealNumber"));
        When when = new When(d.day, d.month, d.year, d.time);
        rows.add(new Row("When it was seized", when.earlier() ? date(d.day, d.month, d.year) + " at " + d.time
                : "Just now (when you select Seize device)", "device", When.FIELD));
        rows.add(new Row("Whose device it is", label(o, "ownerRole", d.ownerRole), "owner", "ownerRole"));
        rows.add(new Row("Purpose", label(o, "purpose", d.purpose), "legal-basis", "legal.purpose"));
        rows.add(new Row("Legal basis", label(o, "basis", d.basis), "legal-basis", "legal.basis"));
        if (SeizurePage.JUSTIFICATION.appliesTo(d)) {
            rows.add(new Row("Line of enquiry", d.lineOfEnquiry, "justification", "legal.justification.lineOfEnquiry"));
            rows.add(new Row("Necessity and proportionality", d.necessityAndProportionality, "justification",
                    "legal.justification.necessityAndProportionality"));
            rows.add(new Row("Other means considered", d.alternativesConsidered, "justification",
                    "legal.justification.alternativesConsidered"));
            rows.add(new Row("Other people's data likely", label(o, "yesNo", d.thirdPartyDataLikely),
                    "justification", "legal.justification.thirdPartyDataLikely"));
            rows.add(new Row("What the notice told them", labels(o, "noticeElements", d.noticeElements), "notice",
                    "legal.notice.elementsConfirmed"));
            rows.add(new Row("Notice version and language", join(d.noticeVersion, label(o, "language", d.noticeLanguage)),
                    "notice", "legal.notice.version"));
            rows.add(new Row("Who agreed", label(o, "agreedBy", d.agreedBy), "agreement", "legal.agreement.givenBy"));
            rows.add(new Row("When they agreed", d.agreedDay == null || d.agreedDay.isBlank() ? null
                    : date(d.agreedDay, d.agreedMonth, d.agreedYear) + " at " + d.agreedTime, "agreement",
                    "legal.agreement.agreedAt"));
        }
        rows.add(new Row("Date range", blank(d.fromDay) && blank(d.toDay) ? null
                : date(d.fromDay, d.fromMonth, d.fromYear) + " to " + date(d.toDay, d.toMonth, d.toYear),
                "scope", "scope.from"));
        rows.add(new Row("Kinds of data", labels(o, "categories", d.categories), "scope", "scope.categories"));
        if (!blank(d.longRangeJustification)) {
            rows.add(new Row("Why a longer range is needed", d.longRangeJustification, "scope",
                    "scope.longRangeJustification"));
        }
        List<String> atRisk = new ArrayList<>();
        for (SeizureDraft.AtRisk r : d.atRisk) {
            atRisk.add(label(o, "atRiskKind", r.kind()) + (blank(r.app()) ? "" : ", " + r.app())
                    + (blank(r.day()) ? "" : ", gone by " + date(r.day(), r.month(), r.year())));
        }
        rows.add(new Row("Data at risk", atRisk.isEmpty() ? "None" : String.join("; ", atRisk), "at-risk",
                "timeSensitiveData"));
        if (SeizurePage.VICTIM_CARE.appliesTo(d)) {
            rows.add(new Row("Victims' Code tier", label(o, "victimTier", d.victimTier), "victim-care",
                    "victimCare.tier"));
            rows.add(new Row("Update them every", blank(d.updateEveryDays) ? null : d.updateEveryDays + " days",
                    "victim-care", "victimCare.updateEveryDays"));
            rows.add(new Row("How to contact them", join(label(o, "contactChannel", d.contactChannel),
                    d.contactAddress), "contact", "contact.channel"));
            rows.add(new Row("Language", label(o, "contactLanguage", d.contactLanguage), "contact", "contact.language"));
            rows.add(new Row("Safe hours", blank(d.safeFrom) ? "Any time" : d.safeFrom + " to " + d.safeUntil,
                    "contact", "contact.safeHours"));
            rows.add(new Row("Safe to contact", "yes".equals(d.notSafeToContact) ? "No: do not contact them" : "Yes",
                    "contact", "contact.safeToContact"));
        }
        return rows;
    }

    /** A date as typed, in words ("1 December 2026") when it is one, else as typed, to be corrected. */
    private String date(String day, String month, String year) {
        try {
            return formats.date(LocalDate.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
                    Integer.parseInt(day.strip())));
        } catch (RuntimeException e) {
            return (day == null ? "" : day) + " " + (month == null ? "" : month) + " " + (year == null ? "" : year);
        }
    }

    private static String label(Map<String, List<Option>> options, String name, String value) {
        if (value == null) {
            return null;
        }
        return options.get(name).stream().filter(o -> o.value().equals(value)).map(Option::label).findFirst()
                .orElse(value);
    }

    private static String labels(Map<String, List<Option>> options, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return String.join(", ", values.stream().map(v -> label(options, name, v)).toList());
    }

    private static String join(String a, String b) {
        if (blank(a)) {
            return blank(b) ? null : b;
        }
        return blank(b) ? a : a + ", " + b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
