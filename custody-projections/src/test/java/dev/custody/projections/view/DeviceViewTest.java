package dev.custody.projections.view;

import dev.custody.projections.Events;
import dev.custody.values.CustodyStage;
import dev.custody.values.Holder.HolderKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.custody.projections.Events.T0;
import static dev.custody.projections.Events.h;
import static org.assertj.core.api.Assertions.assertThat;

/** The fold of events into a device's view: deterministic, idempotent, reset per seizure. */
class DeviceViewTest {

    @Test
    void follows_a_victims_phone_through_the_lab_to_its_return() {
        Events phone = Events.device().atRisk(h(30)).seized().replacementIssued(h(1)).receivedAtLab(h(2))
                .downloadStarted(h(3)).downloadCompleted(h(4)).downloadVerified(h(5)).examinationStarted(h(6))
                .examinationCompleted(h(7), false).readyForCollection(h(8)).returned(h(9));
        DeviceView v = phone.view();
        assertThat(v.stage()).isEqualTo(CustodyStage.RETURNED);
        assertThat(v.isHeld()).isFalse();
        assertThat(v.holderKind()).isEqualTo(HolderKind.OWNER);
        assertThat(v.lab()).isEqualTo("dyfed-powys-dfu");
        assertThat(v.firstDownloadCompletedAt()).isEqualTo(h(4));
        assertThat(v.downloadVerifiedAt()).isEqualTo(h(5));
        assertThat(v.examinationStartedAt()).isEqualTo(h(6));
        assertThat(v.relevantMaterialFound()).isFalse();
        assertThat(v.firstReplacementIssuedAt()).isEqualTo(h(1));
        assertThat(v.activeReplacement()).isEqualTo(1);
        assertThat(v.readyForCollectionAt()).isEqualTo(h(8));
        assertThat(v.daysHeld(h(1000))).isEqualTo(9 / 24.0);
        assertThat(v.version()).isEqualTo(phone.events().size() - 1);
    }

    @Test
    void failed_seal_checks_are_kept_with_the_step_and_what_was_read_and_survive_the_stored_json() {
        Events phone = Events.device().seized().transferred(h(1), "SEAL-1", true).transferred(h(2), "SEAL-1", false)
                .receivedAtLab(h(3), "SEAL-7", true);
        DeviceView v = phone.view();
        assertThat(v.sealProblems()).containsExactly(
                new DeviceView.SealProblem(h(2), "CUSTODY_TRANSFER", "SEAL-1", false, true),
                new DeviceView.SealProblem(h(3), "LAB_RECEIPT", "SEAL-7", true, false));
        assertThat(DeviceViewJson.read(DeviceViewJson.write(v)).sealProblems()).isEqualTo(v.sealProblems());
        assertThat(DeviceViewJson.write(Events.device().seized().transferred(h(1), "SEAL-1", true).view()))
                .as("an unbroken chain adds nothing to the stored view").doesNotContain("sealProblems");
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        Events phone = Events.device().seized().receivedAtLab(h(2));
        DeviceView v = phone.view();
        String before = DeviceViewJson.write(v);
        assertThat(v.apply(phone.last(), 1)).isFalse();
        assertThat(DeviceViewJson.write(v)).isEqualTo(before);
    }

    @Test
    void a_late_verification_keeps_the_examination_stage() {
        DeviceView v = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).downloadCompleted(h(3))
                .examinationStarted(h(4)).downloadVerified(h(5)).view();
        assertThat(v.stage()).isEqualTo(CustodyStage.EXAMINING);
        assertThat(v.downloadVerifiedAt()).isEqualTo(h(5));
    }

    @Test
    void a_re_seizure_starts_a_new_custody_period_and_records_the_gap() {
        Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).downloadCompleted(h(3))
                .returned(h(4)).seizedAt(T0.plus(Duration.ofDays(31))).seized();
        DeviceView v = phone.view();
        assertThat(v.seizureNumber()).isEqualTo(2);
        assertThat(v.stage()).isEqualTo(CustodyStage.SEIZED);
        assertThat(v.returnedAt()).isNull();
        assertThat(v.firstDownloadCompletedAt()).isNull();
        assertThat(v.lab()).isNull();
        assertThat(v.previousReturnAt()).isEqualTo(h(4));
        assertThat(v.reseizureGapSeconds()).isEqualTo(Duration.between(h(4), T0.plus(Duration.ofDays(31))).toSeconds());
    }

    @Test
    void survives_its_json_round_trip_exactly() {
        DeviceView v = Events.device().atRisk(h(30)).seized().victimNotified(h(1)).retentionExtended(h(2), h(99))
                .withdrawn(h(3)).view();
        String json = DeviceViewJson.write(v);
        assertThat(DeviceViewJson.write(DeviceViewJson.read(json))).isEqualTo(json);
        assertThat(DeviceViewJson.read(json).retentionUntil()).isEqualTo(h(99));
        assertThat(DeviceViewJson.read(json).atRisk()).hasSize(1);
    }
}
