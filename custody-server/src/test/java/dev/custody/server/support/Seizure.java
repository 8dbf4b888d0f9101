package dev.custody.server.support;

import java.time.Instant;

/** A seizure request body with the parts read-side tests vary; the defaults are a lawful victim's phone. */
public final class Seizure {

    private Instant at;
    private String caseReference = "DP-2026-0042";
    private String ownerRole = "VICTIM";
    private String deviceType = "MOBILE_PHONE";
    private boolean timeSensitive = true;
    private String tier = "ENHANCED";
    private int updateEveryDays = 14;
    private String from = "2026-01-01";
    private String to = "2026-03-31";
    private String longRangeJustification;
    private String contactReference = "contact-7f3a";

    private Seizure(Instant at) {
        this.at = at;
    }

    public static Seizure at(Instant at) {
        return new Seizure(at);
    }

    public Seizure caseReference(String caseReference) {
        this.caseReference = caseReference;
        return this;
    }

    public Seizure owner(String ownerRole) {
        this.ownerRole = ownerRole;
        return this;
    }

    public Seizure type(String deviceType) {
        this.deviceType = deviceType;
        return this;
    }

    public Seizure timeSensitive(boolean timeSensitive) {
        this.timeSensitive = timeSensitive;
        return this;
    }

    public Seizure care(String tier, int updateEveryDays) {
        this.tier = tier;
        this.updateEveryDays = updateEveryDays;
        return this;
    }

    public Seizure range(String from, String to, String justification) {
        this.from = from;
        this.to = to;
        this.longRangeJustification = justification;
        return this;
    }

    public Seizure contact(String contactReference) {
        this.contactReference = contactReference;
        return this;
    }

    public String json() {
        return """
                {"occurredAt":"%s","caseReference":"%s",
                 "device":{"type":"%s","description":"Black phone","sealNumber":"SEAL-001"},
                 "ownerRole":"%s",
                 "legal":{"purpose":"CRIME","basis":"PCSC_S37_AGREEMENT",
                   "justification":{"lineOfEnquiry":"Messages from the suspect in March",
                     "necessityAndProportionality":"The messages exist only on this phone",
                     "alternativesConsidered":"Screenshots cannot show deleted messages","thirdPartyDataLikely":true},
                   "notice":{"version":"DPN-2024-03","language":"EN","elementsConfirmed":%s},
                   "agreement":{"givenBy":"DEVICE_USER","agreedAt":"%s"}},
                 "scope":{"from":"%s","to":"%s","categories":["MESSAGES"]%s},
                 "timeSensitiveData":%s,
                 %s
                 "contactReference":"%s"}
                """.formatted(at, caseReference, deviceType, ownerRole, Requests.ALL_FIVE_NOTICE_ELEMENTS,
                at.minusSeconds(300), from, to,
                longRangeJustification == null ? "" : ",\"longRangeJustification\":\"" + longRangeJustification + "\"",
                timeSensitive ? "[{\"kind\":\"DATING_APP\",\"detail\":\"Hinge\"}]" : "[]",
                "VICTIM".equals(ownerRole) ? "\"victimCare\":{\"tier\":\"" + tier + "\",\"updateEveryDays\":"
                        + updateEveryDays + "}," : "", contactReference);
    }
}
