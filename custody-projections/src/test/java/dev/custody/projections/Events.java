package dev.custody.projections;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.AgreementWithdrawn;
import dev.custody.events.DeviceEvent.CustodyTransferred;
import dev.custody.events.DeviceEvent.DeviceReadyForCollection;
import dev.custody.events.DeviceEvent.DeviceReceivedAtLab;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadFailed;
import dev.custody.events.DeviceEvent.DownloadStarted;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationCompleted;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.ReplacementReturned;
import dev.custody.events.DeviceEvent.RetentionExtended;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.DeviceDescription;
import dev.custody.values.DeviceId;
import dev.custody.values.DeviceType;
import dev.custody.values.ExtractionType;
import dev.custody.values.ForceCode;
import dev.custody.values.Holder;
import dev.custody.values.LabId;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.ReplacementKind;
import dev.custody.values.Reseizure;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.ScopeReview;
import dev.custody.values.SealCheck;
import dev.custody.values.SeizureDetails;
import dev.custody.testing.Seizures;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds a device's event history for read-side tests: each step happens {@code hours} after the seizure and is
 * logged when it happens unless said otherwise. Only the fields the read side uses are filled in with care; the
 * aggregate's own rules are tested in custody-api.
 */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    public static final ForceCode FORCE = new ForceCode("dyfed-powys");
    public static final LabId LAB = new LabId("dyfed-powys-dfu");
    public static final Actor OFFICER = new Actor("pc-1", Set.of(Role.OFFICER), FORCE, null);
    public static final Actor ANALYST = new Actor("dfu-1", Set.of(Role.LAB), FORCE, LAB);
    public static final Actor SERGEANT = new Actor("ps-1", Set.of(Role.SUPERVISOR), FORCE, null);

    private final DeviceId id;
    private final List<DeviceEvent> events = new ArrayList<>();
    private OwnerRole role = OwnerRole.VICTIM;
    private DeviceType type = DeviceType.MOBILE_PHONE;
    private VictimCare care = new VictimCare(VictimsCodeTier.STANDARD, 28);
    private List<TimeSensitiveData> atRisk = List.of();
    private Instant seizedAt = T0;

    private Events(DeviceId id) {
        this.id = id;
    }

    public static Events device() {
        return new Events(DeviceId.random());
    }

    public Events owner(OwnerRole role) {
        this.role = role;
        return this;
    }

    public Events type(DeviceType type) {
        this.type = type;
        return this;
    }

    public Events care(VictimsCodeTier tier, int everyDays) {
        this.care = new VictimCare(tier, everyDays);
        return this;
    }

    public Events atRisk(Instant expiresAt) {
        this.atRisk = List.of(new TimeSensitiveData(TimeSensitiveKind.DATING_APP, "Hinge", expiresAt));
        return this;
    }

    public Events seizedAt(Instant at) {
        this.seizedAt = at;
        return this;
    }

    public DeviceId id() {
        return id;
    }

    public static Instant h(double hours) {
        return T0.plusSeconds((long) (hours * 3600));
    }

    public Events seized() {
        SeizureDetails details = Seizures.victimPhone(seizedAt, OFFICER.id()).caseReference("DP-1")
                .device(new DeviceDescription(type, "phone", "SEAL-1")).role(role).atRisk(atRisk)
                .care(role == OwnerRole.VICTIM ? care : null).contact("c-1").build();
        int number = (int) events.stream().filter(DeviceSeized.class::isInstance).count() + 1;
        Reseizure reseizure = null;
        if (number > 1) {
            Instant returned = events.stream().filter(DeviceReturned.class::isInstance).map(DeviceEvent::occurredAt)
                    .reduce((a, b) -> b).orElseThrow();
            reseizure = new Reseizure(returned, Duration.between(returned, seizedAt));
        }
        return add(new DeviceSeized(id, seizedAt, seizedAt, OFFICER, FORCE, number, reseizure, details,
                new ScopeReview(Period.ofMonths(12), false)));
    }

    public Events receivedAtLab(Instant at) {
        return add(new DeviceReceivedAtLab(id, at, at, ANALYST, LAB, null, null));
    }

    /** A lab receipt whose seal check read {@code sealNumber} (the seizure recorded {@code SEAL-1}). */
    public Events receivedAtLab(Instant at, String sealNumber, boolean intact) {
        return add(new DeviceReceivedAtLab(id, at, at, ANALYST, LAB, null, new SealCheck(sealNumber, intact)));
    }

    /** A hand-over to the property store whose seal check read {@code sealNumber}. */
    public Events transferred(Instant at, String sealNumber, boolean intact) {
        return add(new CustodyTransferred(id, at, at, OFFICER, null,
                new Holder(Holder.HolderKind.PROPERTY_STORE, "store"), new SealCheck(sealNumber, intact)));
    }

    public Events downloadStarted(Instant at) {
        int attempt = (int) events.stream().filter(DownloadStarted.class::isInstance).count() + 1;
        return add(new DownloadStarted(id, at, at, ANALYST, attempt, "UFED", ExtractionType.LOGICAL));
    }

    public Events downloadCompleted(Instant at) {
        return add(new DownloadCompleted(id, at, at, ANALYST, attempt(), "a".repeat(64), 1));
    }

    public Events downloadFailed(Instant at) {
        return add(new DownloadFailed(id, at, at, ANALYST, attempt(), "locked"));
    }

    public Events downloadVerified(Instant at) {
        return add(new DownloadVerified(id, at, at, ANALYST, attempt(), "a".repeat(64)));
    }

    public Events examinationStarted(Instant at) {
        return add(new ExaminationStarted(id, at, at, ANALYST));
    }

    public Events examinationCompleted(Instant at, boolean relevant) {
        return add(new ExaminationCompleted(id, at, at, ANALYST, relevant, null));
    }

    public Events replacementIssued(Instant at) {
        int number = (int) events.stream().filter(ReplacementIssued.class::isInstance).count() + 1;
        return add(new ReplacementIssued(id, at, at, OFFICER, number, ReplacementKind.SWAP_OUT, null));
    }

    public Events replacementReturned(Instant at) {
        int number = (int) events.stream().filter(ReplacementIssued.class::isInstance).count();
        return add(new ReplacementReturned(id, at, at, OFFICER, number));
    }

    public Events retentionExtended(Instant at, Instant until) {
        return add(new RetentionExtended(id, at, at, SERGEANT, until, "backlog"));
    }

    public Events withdrawn(Instant at) {
        return add(new AgreementWithdrawn(id, at, at, OFFICER, null));
    }

    public Events readyForCollection(Instant at) {
        return add(new DeviceReadyForCollection(id, at, at, OFFICER, null));
    }

    public Events returned(Instant at) {
        return add(new DeviceReturned(id, at, at, OFFICER, ReturnRecipient.OWNER, null));
    }

    public Events victimNotified(Instant at) {
        return add(new VictimNotified(id, at, at, OFFICER, NotificationChannel.SMS, Language.EN, "update", null));
    }

    /** The next event is logged {@code lag} after it happened. */
    public Events loggedLate(Duration lag) {
        DeviceEvent last = events.remove(events.size() - 1);
        return add(relog(last, last.occurredAt().plus(lag)));
    }

    public List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    public DeviceEvent last() {
        return events.get(events.size() - 1);
    }

    /** The view after every event so far. */
    public DeviceView view() {
        DeviceView view = null;
        for (int i = 0; i < events.size(); i++) {
            DeviceEvent e = events.get(i);
            if (view == null) {
                view = DeviceView.seized((DeviceSeized) e, i);
            } else {
                view.apply(e, i);
            }
        }
        return view;
    }

    private int attempt() {
        return (int) events.stream().filter(DownloadStarted.class::isInstance).count();
    }

    private Events add(DeviceEvent e) {
        events.add(e);
        return this;
    }

    private static DeviceEvent relog(DeviceEvent e, Instant recordedAt) {
        if (e instanceof DeviceReceivedAtLab r) {
            return new DeviceReceivedAtLab(r.deviceId(), r.occurredAt(), recordedAt, r.actor(), r.lab(), r.from(), r.sealCheck());
        }
        if (e instanceof DeviceReturned r) {
            return new DeviceReturned(r.deviceId(), r.occurredAt(), recordedAt, r.actor(), r.returnedTo(), r.note());
        }
        if (e instanceof DownloadCompleted r) {
            return new DownloadCompleted(r.deviceId(), r.occurredAt(), recordedAt, r.actor(), r.attempt(), r.sha256(), r.sizeBytes());
        }
        throw new IllegalArgumentException("relogging " + e.getClass().getSimpleName() + " is not supported here");
    }
}
