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
 */
final class SeizureDraft implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One flag of data at risk, as typed. */
    record AtRisk(String kind, String app, String day, String month, String year) implements Serializable {
    }

    final UUID id = UUID.randomUUID();
    final UUID deviceId;
    final boolean reseizure;
    Long version;
    final String contactReference = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    /** The pages answered so far: "check your answers" comes once each page that applies has been. */
    final Set<SeizurePage> answered = EnumSet.noneOf(SeizurePage.class);

    // the device
    String caseReference;
    String deviceType;
    String description;
    String sealNumber;
    String day;
    String month;
    String year;
    String time;
    // whose it is
    String ownerRole;
    // the legal basis
    String purpose;
    String basis;
    // s.37 justification
    String lineOfEnquiry;
    String necessityAndProportionality;
    String alternativesConsidered;
    String thirdPartyDataLikely;
    // s.39 notice
    List<String> noticeElements = new ArrayList<>();
    String noticeVersion;
    String noticeLanguage;
    // the agreement
    String agreedBy;
    String agreedDay;
    String agreedMonth;
    String agreedYear;
    String agreedTime;
    // the scope
    String fromDay;
    String fromMonth;
    String fromYear;
    String toDay;
    String toMonth;
    String toYear;
    List<String> categories = new ArrayList<>();
    String longRangeJustification;
    // data at risk
    List<AtRisk> atRisk = new ArrayList<>();
    String anyAtRisk;
    // victim care
    String victimTier;
    String updateEveryDays;
    // the victim's contact
    String contactChannel;
    String contactAddress;
    String contactLanguage;
    String safeFrom;
    String safeUntil;
    String notSafeToContact;

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
