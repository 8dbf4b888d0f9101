package dev.custody.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seized device driven through a realistic life over the REST API, one command at a time, shaped like the
 * README's curl walkthrough.
 * <p>
 * The mix: half are victims' phones (most get a swap-out or basic replacement phone, returned at the end), a fifth
 * witnesses' devices, the rest suspects' devices seized under PACE (no agreement, no notice, sometimes a laptop).
 * One download in ten fails and is repeated. Victims' and witnesses' devices are marked ready for collection before
 * they go back.
 */
final class Lifecycle {

    enum Kind {
        SEIZE, ISSUE_REPLACEMENT, LAB_RECEIPT, START_DOWNLOAD, FAIL_DOWNLOAD, COMPLETE_DOWNLOAD, VERIFY_DOWNLOAD,
        START_EXAMINATION, COMPLETE_EXAMINATION, READY_FOR_COLLECTION, RETURN, RETURN_REPLACEMENT
    }

    /** The next request: who sends it, where, and what. */
    record Step(Kind kind, String authorization, String path, String body) {
    }

    static final String PASSWORD = "custody";
    static final String OFFICER = MiniHttp.basic("officer", PASSWORD);
    static final String LAB = MiniHttp.basic("lab", PASSWORD);

    private static final String DEVICES = "/api/v1/devices";
    private static final String NOTICE_ELEMENTS = "[\"INFORMATION_SOUGHT\",\"REASON_SOUGHT\",\"HOW_IT_WILL_BE_HANDLED\","
            + "\"MAY_REFUSE\",\"REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION\"]";

    private final SplittableRandom random;
    private final String owner;
    private final List<Kind> plan = new ArrayList<>();
    private final String sha256;
    private final int serial;
    private int next;
    private String deviceId;
    private long version = -1;
    private int attempt;
    private Instant last = Instant.EPOCH;

    Lifecycle(SplittableRandom random, int serial) {
        this(random, serial, null);
    }

    /** @param owner VICTIM, WITNESS or SUSPECT; null to draw one from the mix */
    Lifecycle(SplittableRandom random, int serial, String owner) {
        this.random = random;
        this.serial = serial;
        int roll = random.nextInt(100);
        this.owner = owner != null ? owner : roll < 50 ? "VICTIM" : roll < 70 ? "WITNESS" : "SUSPECT";
        boolean replacement = this.owner.equals("VICTIM") && random.nextInt(100) < 80;
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        sha256 = HexFormat.of().formatHex(hash);

        plan.add(Kind.SEIZE);
        if (replacement) {
            plan.add(Kind.ISSUE_REPLACEMENT);
        }
        plan.add(Kind.LAB_RECEIPT);
        plan.add(Kind.START_DOWNLOAD);
        if (random.nextInt(100) < 10) {
            plan.add(Kind.FAIL_DOWNLOAD);
            plan.add(Kind.START_DOWNLOAD);
        }
        plan.addAll(List.of(Kind.COMPLETE_DOWNLOAD, Kind.VERIFY_DOWNLOAD, Kind.START_EXAMINATION, Kind.COMPLETE_EXAMINATION));
        if (!this.owner.equals("SUSPECT")) {
            plan.add(Kind.READY_FOR_COLLECTION);
        }
        plan.add(Kind.RETURN);
        if (replacement) {
            plan.add(Kind.RETURN_REPLACEMENT);
        }
    }

    boolean done() {
        return next >= plan.size();
    }

    String deviceId() {
        return deviceId;
    }

    long version() {
        return version;
    }

    /** The next command, timed now (never earlier than the step before: the server refuses that). */
    Step next() {
        Instant now = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        Instant at = now.isAfter(last) ? now : last;
        last = at;
        Kind kind = plan.get(next);
        String device = DEVICES + "/" + deviceId;
        return switch (kind) {
            case SEIZE -> new Step(kind, OFFICER, DEVICES, seizure(at));
            case ISSUE_REPLACEMENT -> new Step(kind, OFFICER, device + "/replacements",
                    "{\"occurredAt\":\"" + at + "\",\"kind\":\"" + (random.nextBoolean() ? "SWAP_OUT" : "BASIC_HANDSET")
                            + "\",\"note\":\"same number and data where possible\"}");
            case LAB_RECEIPT -> new Step(kind, LAB, device + "/lab-receipt",
                    "{\"occurredAt\":\"" + at + "\",\"sealCheck\":{\"sealNumber\":\"SEAL-" + serial + "\",\"intact\":true}}");
            case START_DOWNLOAD -> new Step(kind, LAB, device + "/downloads",
                    "{\"occurredAt\":\"" + at + "\",\"tool\":\"UFED 7.6\",\"extractionType\":\"FILE_SYSTEM\"}");
            case FAIL_DOWNLOAD -> new Step(kind, LAB, device + "/downloads/" + attempt + "/failure",
                    "{\"occurredAt\":\"" + at + "\",\"reason\":\"Extraction stopped at 43%: device rebooted\"}");
            case COMPLETE_DOWNLOAD -> new Step(kind, LAB, device + "/downloads/" + attempt + "/completion",
                    "{\"occurredAt\":\"" + at + "\",\"sha256\":\"" + sha256 + "\",\"sizeBytes\":" + (1_000_000_000L + serial) + "}");
            case VERIFY_DOWNLOAD -> new Step(kind, LAB, device + "/downloads/" + attempt + "/verification",
                    "{\"occurredAt\":\"" + at + "\",\"sha256\":\"" + sha256 + "\"}");
            case START_EXAMINATION -> new Step(kind, LAB, device + "/examination", "{\"occurredAt\":\"" + at + "\"}");
            case COMPLETE_EXAMINATION -> new Step(kind, LAB, device + "/examination/completion",
                    "{\"occurredAt\":\"" + at + "\",\"relevantMaterialFound\":" + random.nextBoolean()
                            + ",\"summary\":\"Messages of the relevant days reviewed\"}");
            case READY_FOR_COLLECTION -> new Step(kind, OFFICER, device + "/ready-for-collection",
                    "{\"occurredAt\":\"" + at + "\",\"note\":\"Front desk, Carmarthen station\"}");
            case RETURN -> new Step(kind, OFFICER, device + "/return",
                    "{\"occurredAt\":\"" + at + "\",\"returnedTo\":\"OWNER\"}");
            case RETURN_REPLACEMENT -> new Step(kind, OFFICER, device + "/replacements/1/return",
                    "{\"occurredAt\":\"" + at + "\"}");
        };
    }

    /** Takes in a successful answer: the new device's id and the version to send as If-Match next. */
    void accepted(Step step, MiniHttp.Response response) {
        if (step.kind() == Kind.SEIZE) {
            deviceId = field(response.body(), "deviceId");
        }
        if (step.kind() == Kind.START_DOWNLOAD) {
            attempt++;
        }
        version = Long.parseLong(field(response.body(), "version"));
        next++;
    }

    /** The seizure of this lifecycle's device as it happened at {@code at}, which may be long ago. */
    Step seizureAt(Instant at) {
        last = at;
        return new Step(Kind.SEIZE, OFFICER, DEVICES, seizure(at));
    }

    private String seizure(Instant at) {
        boolean suspect = owner.equals("SUSPECT");
        String type = suspect && random.nextInt(4) == 0 ? "LAPTOP" : "MOBILE_PHONE";
        String legal = suspect
                ? "{\"purpose\":\"CRIME\",\"basis\":\"PACE_SEIZURE\"}"
                : "{\"purpose\":\"CRIME\",\"basis\":\"PCSC_S37_AGREEMENT\","
                + "\"justification\":{\"lineOfEnquiry\":\"Messages from the suspect between 1 and 3 November\","
                + "\"necessityAndProportionality\":\"The messages exist only on this phone\","
                + "\"alternativesConsidered\":\"Screenshots were offered but cannot show deleted messages\","
                + "\"thirdPartyDataLikely\":true},"
                + "\"notice\":{\"version\":\"DPN-2024-03\",\"language\":\"" + (random.nextInt(5) == 0 ? "CY" : "EN")
                + "\",\"elementsConfirmed\":" + NOTICE_ELEMENTS + "},"
                + "\"agreement\":{\"givenBy\":\"DEVICE_USER\",\"agreedAt\":\"" + at.minusSeconds(300) + "\"}}";
        return "{\"occurredAt\":\"" + at + "\",\"caseReference\":\"DP-2026-" + (serial % 9000 + 1000) + "\","
                + "\"device\":{\"type\":\"" + type + "\",\"description\":\"Black iPhone 13, cracked screen\","
                + "\"sealNumber\":\"SEAL-" + serial + "\"},"
                + "\"ownerRole\":\"" + owner + "\",\"legal\":" + legal + ","
                + "\"scope\":{\"from\":\"2026-01-01\",\"to\":\"2026-03-31\",\"categories\":[\"MESSAGES\",\"PHOTOS_AND_VIDEOS\"]},"
                + (owner.equals("VICTIM")
                ? "\"timeSensitiveData\":[{\"kind\":\"DATING_APP\",\"detail\":\"Hinge\"}],"
                + "\"victimCare\":{\"tier\":\"" + (random.nextBoolean() ? "ENHANCED" : "STANDARD") + "\",\"updateEveryDays\":14},"
                : "")
                + "\"contactReference\":\"contact-" + Integer.toHexString(serial) + "\"}";
    }

    /** A top-level string or number field of a small flat JSON object, without a JSON parser on the hot path. */
    static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        int start = at + key.length();
        while (json.charAt(start) == ' ') {
            start++;
        }
        if (json.charAt(start) == '"') {
            return json.substring(start + 1, json.indexOf('"', start + 1));
        }
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return json.substring(start, end);
    }
}
