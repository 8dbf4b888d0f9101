package dev.custody.web.officer;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A seizure being recorded, page by page: every answer as typed, kept in the officer's session until the final
 * "Seize device". Nothing of it is stored anywhere else until then, so a seizure is never half-recorded.
 * <p>
 * {@code deviceId} is the id the new record will have (chosen now, so that sending it twice finds the record the
 * first send made); for a re-seizure it is the returned device's, and {@code version} the version its answers were
 * drawn from. {@code contactReference} is the key the victim's details will be stored under in the contact vault.
 * <p>
 * The answers are public fields because the question pages' templates read them (Spring's expression language sees
 * only public members); only this package's controllers write them.
 */
public final class SeizureDraft implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One flag of data at risk, as typed. */
    public record AtRisk(String kind, String app, String day, String month, String year) implements Serializable {
    }

    public final UUID id = UUID.randomUUID();
    public final UUID deviceId;
    public final boolean reseizure;
    public Long version;
    public final String contactReference = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    /** The pages answered so far: "check your answers" comes once each page that applies has been. */
    public final Set<SeizurePage> answered = EnumSet.noneOf(SeizurePage.class);

    // the device
    public String caseReference;
    public String deviceType;
    public String description;
    public String sealNumber;
    public String day;
    public String month;
    public String year;
    public String time;
    // whose it is
    public String ownerRole;
    // the legal basis
    public String purpose;
    public String basis;
    // s.37 justification
    public String lineOfEnquiry;
    public String necessityAndProportionality;
    public String alternativesConsidered;
    public String thirdPartyDataLikely;
    // s.39 notice
    public List<String> noticeElements = new ArrayList<>();
    public String noticeVersion;
    public String noticeLanguage;
    // the agreement
    public String agreedBy;
    public String agreedDay;
    public String agreedMonth;
    public String agreedYear;
    public String agreedTime;
    // the scope
    public String fromDay;
    public String fromMonth;
    public String fromYear;
    public String toDay;
    public String toMonth;
    public String toYear;
    public List<String> categories = new ArrayList<>();
    public String longRangeJustification;
    // data at risk
    public List<AtRisk> atRisk = new ArrayList<>();
    public String anyAtRisk;
    // victim care
    public String victimTier;
    public String updateEveryDays;
    // the victim's contact
    public String contactChannel;
    public String contactAddress;
    public String contactLanguage;
    public String safeFrom;
    public String safeUntil;
    public String notSafeToContact;

    SeizureDraft(UUID deviceId, boolean reseizure) {
        this.deviceId = deviceId;
        this.reseizure = reseizure;
    }

    static SeizureDraft seizure() {
        return new SeizureDraft(UUID.randomUUID(), false);
    }

    static SeizureDraft reseizure(UUID deviceId, long version) {
        SeizureDraft draft = new SeizureDraft(deviceId, true);
        draft.version = version;
        return draft;
    }
}
