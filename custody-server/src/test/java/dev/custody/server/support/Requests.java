package dev.custody.server.support;

import java.time.Instant;

/** Request bodies for integration tests, shaped exactly as the README's curl examples. */
public final class Requests {

    public static final String ALL_FIVE_NOTICE_ELEMENTS = "[\"INFORMATION_SOUGHT\",\"REASON_SOUGHT\","
            + "\"HOW_IT_WILL_BE_HANDLED\",\"MAY_REFUSE\",\"REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION\"]";

    private Requests() {
    }

    /** A complete, lawful seizure of a victim's phone on s.37 agreement. */
    public static String seizeVictimPhone(Instant occurredAt) {
        return seize(occurredAt, "VICTIM", "\"2026-01-01\"", "\"2026-03-31\"", null);
    }

    public static String seize(Instant occurredAt, String ownerRole, String from, String to, String longRangeJustification) {
        return """
                {"occurredAt":"%s","caseReference":"DP-2026-0042",
                 "device":{"type":"MOBILE_PHONE","description":"Black iPhone 13","sealNumber":"SEAL-001"},
                 "ownerRole":"%s",
                 "legal":{"purpose":"CRIME","basis":"PCSC_S37_AGREEMENT",
                   "justification":{"lineOfEnquiry":"Messages from the suspect in March",
                     "necessityAndProportionality":"The messages exist only on this phone",
                     "alternativesConsidered":"Screenshots were offered but cannot show deleted messages",
                     "thirdPartyDataLikely":true},
                   "notice":{"version":"DPN-2024-03","language":"EN","elementsConfirmed":%s},
                   "agreement":{"givenBy":"DEVICE_USER","agreedAt":"%s"}},
                 "scope":{"from":%s,"to":%s,"categories":["MESSAGES"]%s},
                 "timeSensitiveData":[{"kind":"DATING_APP","detail":"Hinge"}],
                 "victimCare":{"tier":"ENHANCED","updateEveryDays":14},
                 "contactReference":"contact-7f3a"}
                """.formatted(occurredAt, ownerRole, ALL_FIVE_NOTICE_ELEMENTS, occurredAt.minusSeconds(300), from, to,
                longRangeJustification == null ? "" : ",\"longRangeJustification\":\"" + longRangeJustification + "\"");
    }

    public static String step(Instant occurredAt) {
        return "{\"occurredAt\":\"" + occurredAt + "\"}";
    }

    public static String labReceipt(Instant occurredAt) {
        return "{\"occurredAt\":\"" + occurredAt + "\",\"sealCheck\":{\"sealNumber\":\"SEAL-001\",\"intact\":true}}";
    }

    public static String startDownload(Instant occurredAt) {
        return "{\"occurredAt\":\"" + occurredAt + "\",\"tool\":\"UFED 7.6\",\"extractionType\":\"FILE_SYSTEM\"}";
    }

    public static String completeDownload(Instant occurredAt, String sha256) {
        return "{\"occurredAt\":\"" + occurredAt + "\",\"sha256\":\"" + sha256 + "\",\"sizeBytes\":64000000000}";
    }

    public static String hash(Instant occurredAt, String sha256) {
        return "{\"occurredAt\":\"" + occurredAt + "\",\"sha256\":\"" + sha256 + "\"}";
    }
}
