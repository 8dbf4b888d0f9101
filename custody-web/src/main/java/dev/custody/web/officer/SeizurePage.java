package dev.custody.web.officer;

import dev.custody.values.LegalBasis;
import dev.custody.values.OwnerRole;
import dev.custody.values.SeizureDetails;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The question pages of a seizure, in order (the GOV.UK "question pages" pattern: one thing per page). Each page
 * says when it applies (the s.37-39 pages only where the full record is needed, the victim's pages only for a
 * victim), which request fields are its own (so that an error, from the page or from the command side, is shown on
 * the page that holds the field) and how its answers are taken from the form.
 */
enum SeizurePage {

    DEVICE("device", "About the device", d -> true,
            "caseReference", "device", "occurredAt"),
    OWNER("owner", "Whose device is it?", d -> true, "ownerRole"),
    LEGAL_BASIS("legal-basis", "Why and under what power are you taking it?", d -> true,
            "legal.purpose", "legal.basis", "legal"),
    JUSTIFICATION("justification", "Why is extraction necessary?", SeizurePage::needsFullRecord,
            "legal.justification"),
    NOTICE("notice", "The written notice", SeizurePage::needsFullRecord, "legal.notice"),
    AGREEMENT("agreement", "Who agreed, and when?", SeizurePage::needsFullRecord, "legal.agreement"),
    SCOPE("scope", "What may be extracted?", d -> true, "scope"),
    AT_RISK("at-risk", "Is any data at risk of disappearing?", d -> true, "timeSensitiveData", "atRisk"),
    VICTIM_CARE("victim-care", "Keeping the victim updated", SeizurePage::victim, "victimCare"),
    CONTACT("contact", "How should the victim be contacted?", SeizurePage::victim, "contact", "contactReference");

    final String slug;
    final String question;
    private final Predicate<SeizureDraft> applies;
    private final List<String> fields;

    SeizurePage(String slug, String question, Predicate<SeizureDraft> applies, String... fields) {
        this.slug = slug;
        this.question = question;
        this.applies = applies;
        this.fields = List.of(fields);
    }

    public String getSlug() {
        return slug;
    }

    public String getQuestion() {
        return question;
    }

    boolean appliesTo(SeizureDraft draft) {
        return applies.test(draft);
    }

    /**
     * Whether the request field at {@code path} ({@code legal.notice.version}) is asked on this page: the page whose
     * field is the longest that covers it ({@code legal.justification} on its own page, not {@code legal}, which
     * the legal basis page holds only for what no other page asks).
     */
    boolean holds(String path) {
        return owner(path).orElse(null) == this;
    }

    static Optional<SeizurePage> bySlug(String slug) {
        return Arrays.stream(values()).filter(p -> p.slug.equals(slug)).findFirst();
    }

    /** The page holding a field; fields no page asks (the whole seizure) belong to the first. */
    static SeizurePage holding(String path) {
        return owner(path).orElse(DEVICE);
    }

    private static Optional<SeizurePage> owner(String path) {
        SeizurePage owner = null;
        int longest = -1;
        for (SeizurePage page : values()) {
            for (String f : page.fields) {
                boolean covers = path.equals(f) || path.startsWith(f + ".") || path.startsWith(f + "[");
                if (covers && f.length() > longest) {
                    owner = page;
                    longest = f.length();
                }
            }
        }
        return Optional.ofNullable(owner);
    }

    /** The pages that apply to the draft, in order. */
    static List<SeizurePage> journey(SeizureDraft draft) {
        List<SeizurePage> pages = new ArrayList<>();
        for (SeizurePage page : values()) {
            if (page.appliesTo(draft)) {
                pages.add(page);
            }
        }
        return pages;
    }

    /** The page after this one that applies, if any. */
    Optional<SeizurePage> next(SeizureDraft draft) {
        List<SeizurePage> journey = journey(draft);
        for (SeizurePage page : journey) {
            if (page.ordinal() > ordinal()) {
                return Optional.of(page);
            }
        }
        return Optional.empty();
    }

    /** The page before this one that applies, for the back link. */
    Optional<SeizurePage> previous(SeizureDraft draft) {
        SeizurePage previous = null;
        for (SeizurePage page : journey(draft)) {
            if (page.ordinal() >= ordinal()) {
                break;
            }
            previous = page;
        }
        return Optional.ofNullable(previous);
    }

    /** Takes this page's answers from the submitted form into the draft; other pages' answers are left alone. */
    void take(MultiValueMap<String, String> form, SeizureDraft d) {
        switch (this) {
            case DEVICE -> {
                d.caseReference = form.getFirst("caseReference");
                d.deviceType = form.getFirst("deviceType");
                d.description = form.getFirst("description");
                d.sealNumber = form.getFirst("sealNumber");
                d.day = form.getFirst("day");
                d.month = form.getFirst("month");
                d.year = form.getFirst("year");
                d.time = form.getFirst("time");
            }
            case OWNER -> d.ownerRole = form.getFirst("ownerRole");
            case LEGAL_BASIS -> {
                d.purpose = form.getFirst("purpose");
                d.basis = form.getFirst("basis");
            }
            case JUSTIFICATION -> {
                d.lineOfEnquiry = form.getFirst("lineOfEnquiry");
                d.necessityAndProportionality = form.getFirst("necessityAndProportionality");
                d.alternativesConsidered = form.getFirst("alternativesConsidered");
                d.thirdPartyDataLikely = form.getFirst("thirdPartyDataLikely");
            }
            case NOTICE -> {
                d.noticeElements = list(form, "noticeElements");
                d.noticeVersion = form.getFirst("noticeVersion");
                d.noticeLanguage = form.getFirst("noticeLanguage");
            }
            case AGREEMENT -> {
                d.agreedBy = form.getFirst("agreedBy");
                d.agreedDay = form.getFirst("agreedDay");
                d.agreedMonth = form.getFirst("agreedMonth");
                d.agreedYear = form.getFirst("agreedYear");
                d.agreedTime = form.getFirst("agreedTime");
            }
            case SCOPE -> {
                d.fromDay = form.getFirst("fromDay");
                d.fromMonth = form.getFirst("fromMonth");
                d.fromYear = form.getFirst("fromYear");
                d.toDay = form.getFirst("toDay");
                d.toMonth = form.getFirst("toMonth");
                d.toYear = form.getFirst("toYear");
                d.categories = list(form, "categories");
                d.longRangeJustification = form.getFirst("longRangeJustification");
            }
            case AT_RISK -> d.anyAtRisk = form.getFirst("anyAtRisk");
            case VICTIM_CARE -> {
                d.victimTier = form.getFirst("victimTier");
                d.updateEveryDays = form.getFirst("updateEveryDays");
            }
            case CONTACT -> {
                d.contactChannel = form.getFirst("contactChannel");
                d.contactAddress = form.getFirst("contactAddress");
                d.contactLanguage = form.getFirst("contactLanguage");
                d.safeFrom = form.getFirst("safeFrom");
                d.safeUntil = form.getFirst("safeUntil");
                d.notSafeToContact = form.getFirst("notSafeToContact");
            }
        }
    }

    private static List<String> list(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null ? new ArrayList<>() : new ArrayList<>(values.stream().filter(v -> !v.isBlank()).toList());
    }

    private static boolean needsFullRecord(SeizureDraft d) {
        return SeizureDetails.needsFullRecord(constant(OwnerRole.class, d.ownerRole),
                constant(LegalBasis.class, d.basis));
    }

    private static boolean victim(SeizureDraft d) {
        return OwnerRole.VICTIM.name().equals(d.ownerRole);
    }

    static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
