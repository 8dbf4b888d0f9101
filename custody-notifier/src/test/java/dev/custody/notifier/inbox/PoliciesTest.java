package dev.custody.notifier.inbox;

import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ContactReference;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.wire.WireMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesTest {

    private static final DeviceId DEVICE = DeviceId.of("4bfb1336-c47d-4b3a-90b2-4b939887711c");
    private static final ForceCode FORCE = new ForceCode("dyfed-powys");
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final Actor OFFICER = new Actor("pc-1", Set.of(Role.OFFICER), FORCE, null);

    private final VictimMessagePolicy victims = new VictimMessagePolicy(Set.of(OwnerRole.VICTIM));

    @Test
    void eachLifecycleStepAVictimCaresAboutHasItsMessage() {
        assertThat(victims.templateFor(new DeviceEvent.ReplacementIssued(DEVICE, T, T, OFFICER, 1,
                ReplacementKind.SWAP_OUT, null))).contains(Template.REPLACEMENT_ISSUED);
        assertThat(victims.templateFor(new DeviceEvent.DeviceReadyForCollection(DEVICE, T, T, OFFICER, null)))
                .contains(Template.READY_FOR_COLLECTION);
        assertThat(victims.templateFor(new DeviceEvent.DeviceReturned(DEVICE, T, T, OFFICER, ReturnRecipient.OWNER,
                null))).contains(Template.DEVICE_RETURNED);
        assertThat(victims.templateFor(new DeviceEvent.RetentionExtended(DEVICE, T, T, OFFICER, T, "why")))
                .contains(Template.RETENTION_EXTENDED);
    }

    @Test
    void labStepsAndNotesSendNothing() {
        assertThat(victims.templateFor(new DeviceEvent.ExaminationStarted(DEVICE, T, T, OFFICER))).isEmpty();
        assertThat(victims.templateFor(new DeviceEvent.VictimNotified(DEVICE, T, T, OFFICER, null, null, "x", null)))
                .isEmpty();
    }

    @Test
    void onlyOwnersWithAContactReferenceAndAChosenRoleAreTold() {
        assertThat(victims.notifiesOwnerOf(device(OwnerRole.VICTIM, "c-1"))).isTrue();
        assertThat(victims.notifiesOwnerOf(device(OwnerRole.VICTIM, null))).isFalse();
        assertThat(victims.notifiesOwnerOf(device(OwnerRole.SUSPECT, "c-1"))).isFalse();
        assertThat(victims.notifiesOwnerOf(device(OwnerRole.WITNESS, "c-1"))).isFalse();
        assertThat(new VictimMessagePolicy(Set.of(OwnerRole.VICTIM, OwnerRole.WITNESS))
                .notifiesOwnerOf(device(OwnerRole.WITNESS, "c-1"))).isTrue();
    }

    @Test
    void anApologyFollowsOnlyABreachOfTheReturnRuleForAVictim() {
        assertThat(victims.apologisesFor(alert(true, AlertRule.RETURN_24H, AlertSeverity.BREACH, OwnerRole.VICTIM))).isTrue();
        assertThat(victims.apologisesFor(alert(true, AlertRule.RETURN_24H, AlertSeverity.WARNING, OwnerRole.VICTIM))).isFalse();
        assertThat(victims.apologisesFor(alert(false, AlertRule.RETURN_24H, AlertSeverity.BREACH, OwnerRole.VICTIM))).isFalse();
        assertThat(victims.apologisesFor(alert(true, AlertRule.LONG_HOLD, AlertSeverity.BREACH, OwnerRole.VICTIM))).isFalse();
        assertThat(victims.apologisesFor(alert(true, AlertRule.RETURN_24H, AlertSeverity.BREACH, OwnerRole.SUSPECT))).isFalse();
    }

    @Test
    void supervisorsHearOfEveryRaisedAlertButNotOfResolutions() {
        SupervisorAlertPolicy supervisors = new SupervisorAlertPolicy();
        assertThat(supervisors.notifies(alert(true, AlertRule.DOWNLOAD_STUCK, AlertSeverity.WARNING, OwnerRole.SUSPECT))).isTrue();
        assertThat(supervisors.notifies(alert(false, AlertRule.DOWNLOAD_STUCK, AlertSeverity.WARNING, OwnerRole.SUSPECT))).isFalse();
    }

    @Test
    void oldEventsUpdateStateButSendNothing() {
        FreshnessPolicy freshness = new FreshnessPolicy(Duration.ofDays(7));
        assertThat(freshness.fresh(T.minus(Duration.ofDays(6)), T)).isTrue();
        assertThat(freshness.fresh(T.minus(Duration.ofDays(8)), T)).isFalse();
    }

    @Test
    void theRegularUpdateFollowsTheAgreedFrequencyOrTwentyEightDays() {
        UpdateSchedule schedule = new UpdateSchedule(Duration.ofDays(28));
        assertThat(schedule.everyDays(new VictimCare(VictimsCodeTier.ENHANCED, 14))).isEqualTo(14);
        assertThat(schedule.everyDays(null)).isEqualTo(28);
        assertThat(schedule.everyDays(new VictimCare(VictimsCodeTier.STANDARD, 0))).isEqualTo(28);
        assertThat(schedule.nextDue(T, 14)).isEqualTo(T.plus(Duration.ofDays(14)));
    }

    private static TrackedDevice device(OwnerRole role, String contact) {
        return new TrackedDevice(DEVICE, FORCE, contact == null ? null : new ContactReference(contact), role, 1, 28, T,
                null, null, null);
    }

    private static WireMessage.Alert alert(boolean raised, AlertRule rule, AlertSeverity severity, OwnerRole role) {
        AlertMessage.Change change = raised ? AlertMessage.Change.RAISED : AlertMessage.Change.RESOLVED;
        return new WireMessage.Alert("a-1", T, FORCE, new AlertMessage(UUID.randomUUID(), rule, severity, DEVICE,
                FORCE, role, null, 1, T, T, raised ? AlertMessage.State.OPEN : AlertMessage.State.RESOLVED, null,
                null, null, null, null, null, null, change, T));
    }
}
