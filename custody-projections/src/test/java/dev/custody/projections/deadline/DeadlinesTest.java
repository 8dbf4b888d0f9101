package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.Events;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceType;
import dev.custody.values.OwnerRole;
import dev.custody.values.VictimsCodeTier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.custody.projections.Events.T0;
import static dev.custody.projections.Events.h;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the brief's deadline table: when it opens, when it is due, what closes it and how. */
class DeadlinesTest {

    private final Deadlines deadlines = Deadlines.standard();
    private final DeadlineSettings defaults = DeadlineSettings.DEFAULTS;

    private Map<Deadline.Key, Deadline> open(Events device) {
        return deadlines.open(device.view(), defaults);
    }

    private Optional<Deadline> breach(Events device, AlertRule rule) {
        return open(device).values().stream()
                .filter(d -> d.rule() == rule && d.severity() == AlertSeverity.BREACH).findFirst();
    }

    private Optional<Deadline> warning(Events device, AlertRule rule) {
        return open(device).values().stream()
                .filter(d -> d.rule() == rule && d.severity() == AlertSeverity.WARNING).findFirst();
    }

    private Resolution resolution(Deadline d, Events device) {
        return deadlines.resolution(d.key(), device.last());
    }

    @Nested
    class ReturnWithin24Hours {

        @Test
        void a_victims_device_is_due_back_24h_after_seizure_with_a_warning_at_20h() {
            Events phone = Events.device().seized();
            assertThat(breach(phone, AlertRule.RETURN_24H)).hasValueSatisfying(d -> {
                assertThat(d.dueAt()).isEqualTo(h(24));
                assertThat(d.fireAt()).isEqualTo(h(24));
            });
            assertThat(warning(phone, AlertRule.RETURN_24H)).hasValueSatisfying(d -> {
                assertThat(d.dueAt()).isEqualTo(h(24));
                assertThat(d.fireAt()).isEqualTo(h(20));
            });
        }

        @Test
        void a_witness_device_is_covered_but_a_suspects_is_not() {
            assertThat(breach(Events.device().owner(OwnerRole.WITNESS).seized(), AlertRule.RETURN_24H)).isPresent();
            assertThat(breach(Events.device().owner(OwnerRole.SUSPECT).seized(), AlertRule.RETURN_24H)).isEmpty();
        }

        @Test
        void a_return_closes_it_in_time_or_late_by_when_it_happened() {
            Events early = Events.device().seized();
            Deadline due = breach(early, AlertRule.RETURN_24H).orElseThrow();
            early.returned(h(23)).loggedLate(Duration.ofHours(30));
            assertThat(breach(early, AlertRule.RETURN_24H)).isEmpty();
            assertThat(resolution(due, early)).isEqualTo(Resolution.IN_TIME);

            Events late = Events.device().seized().returned(h(30));
            assertThat(resolution(due, late)).isEqualTo(Resolution.LATE);
            assertThat(Deadlines.lateBySeconds(due.key(), late.last().occurredAt())).isEqualTo(6 * 3600);
        }

        @Test
        void an_authorised_extension_moves_it_to_the_authorised_date_and_supersedes_the_old_one() {
            Events phone = Events.device().seized();
            Deadline first = breach(phone, AlertRule.RETURN_24H).orElseThrow();
            phone.retentionExtended(h(10), h(72));
            assertThat(breach(phone, AlertRule.RETURN_24H)).hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(h(72)));
            assertThat(warning(phone, AlertRule.RETURN_24H)).hasValueSatisfying(d -> assertThat(d.fireAt()).isEqualTo(h(68)));
            assertThat(resolution(first, phone)).isEqualTo(Resolution.SUPERSEDED);
        }

        @Test
        void withdrawal_of_agreement_does_not_pause_it() {
            assertThat(breach(Events.device().seized().withdrawn(h(2)), AlertRule.RETURN_24H)).isPresent();
        }

        @Test
        void a_force_can_set_its_own_duration_and_switch_the_warning_off() {
            DeadlineSettings met = defaults.with(new DeadlineSettings.Overrides(Duration.ofHours(48), Duration.ZERO,
                    null, null, null, null, null, null, null, null, null));
            Map<Deadline.Key, Deadline> open = deadlines.open(Events.device().seized().view(), met);
            assertThat(open.values()).filteredOn(d -> d.rule() == AlertRule.RETURN_24H)
                    .singleElement().satisfies(d -> assertThat(d.dueAt()).isEqualTo(h(48)));
        }
    }

    @Nested
    class ReplacementWithin24Hours {

        @Test
        void a_victims_phone_needs_a_replacement_by_24h() {
            assertThat(breach(Events.device().seized(), AlertRule.REPLACEMENT_24H))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(h(24)));
        }

        @Test
        void a_laptop_or_a_suspects_phone_does_not() {
            assertThat(breach(Events.device().type(DeviceType.LAPTOP).seized(), AlertRule.REPLACEMENT_24H)).isEmpty();
            assertThat(breach(Events.device().owner(OwnerRole.SUSPECT).seized(), AlertRule.REPLACEMENT_24H)).isEmpty();
        }

        @Test
        void issuing_a_replacement_satisfies_it_and_a_return_supersedes_it() {
            Events phone = Events.device().seized();
            Deadline due = breach(phone, AlertRule.REPLACEMENT_24H).orElseThrow();
            phone.replacementIssued(h(26));
            assertThat(breach(phone, AlertRule.REPLACEMENT_24H)).isEmpty();
            assertThat(resolution(due, phone)).isEqualTo(Resolution.LATE);

            Events returned = Events.device().seized().returned(h(30));
            assertThat(resolution(due, returned)).isEqualTo(Resolution.SUPERSEDED);
        }

        @Test
        void it_stays_open_after_an_extension_and_reopens_when_the_loan_phone_comes_back_early() {
            Events phone = Events.device().seized().retentionExtended(h(20), h(200));
            assertThat(breach(phone, AlertRule.REPLACEMENT_24H)).isPresent();
            phone.replacementIssued(h(21)).replacementReturned(h(22));
            assertThat(breach(phone, AlertRule.REPLACEMENT_24H)).isPresent();
        }
    }

    @Nested
    class Downloads {

        @Test
        void a_started_download_is_stuck_after_24h_until_it_completes_or_fails() {
            Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2));
            Deadline stuck = breach(phone, AlertRule.DOWNLOAD_STUCK).orElseThrow();
            assertThat(stuck.dueAt()).isEqualTo(h(26));
            phone.downloadFailed(h(3));
            assertThat(breach(phone, AlertRule.DOWNLOAD_STUCK)).isEmpty();
            assertThat(resolution(stuck, phone)).isEqualTo(Resolution.IN_TIME);
            phone.downloadStarted(h(4)).downloadCompleted(h(40));
            assertThat(breach(phone, AlertRule.DOWNLOAD_STUCK)).isEmpty();
        }

        @Test
        void a_completed_download_must_be_verified_within_48h() {
            Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).downloadCompleted(h(3));
            Deadline unverified = breach(phone, AlertRule.DOWNLOAD_UNVERIFIED).orElseThrow();
            assertThat(unverified.dueAt()).isEqualTo(h(51));
            phone.examinationStarted(h(4));
            assertThat(breach(phone, AlertRule.DOWNLOAD_UNVERIFIED)).as("examination does not excuse verification")
                    .isPresent();
            phone.downloadVerified(h(60));
            assertThat(breach(phone, AlertRule.DOWNLOAD_UNVERIFIED)).isEmpty();
            assertThat(resolution(unverified, phone)).isEqualTo(Resolution.LATE);
        }

        @Test
        void a_completed_download_goes_stale_after_7_days_without_examination() {
            Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).downloadCompleted(h(3));
            Deadline stale = breach(phone, AlertRule.DOWNLOAD_STALE).orElseThrow();
            assertThat(stale.dueAt()).isEqualTo(h(3).plus(Duration.ofDays(7)));
            phone.downloadVerified(h(4)).examinationStarted(h(5));
            assertThat(breach(phone, AlertRule.DOWNLOAD_STALE)).isEmpty();
            assertThat(resolution(stale, phone)).isEqualTo(Resolution.IN_TIME);
        }

        @Test
        void a_re_download_supersedes_the_verification_and_staleness_of_the_earlier_one() {
            Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).downloadCompleted(h(3));
            Deadline unverified = breach(phone, AlertRule.DOWNLOAD_UNVERIFIED).orElseThrow();
            phone.downloadStarted(h(5));
            assertThat(breach(phone, AlertRule.DOWNLOAD_UNVERIFIED)).isEmpty();
            assertThat(breach(phone, AlertRule.DOWNLOAD_STALE)).isEmpty();
            assertThat(resolution(unverified, phone)).isEqualTo(Resolution.SUPERSEDED);
        }

        @Test
        void withdrawal_stops_every_extraction_deadline() {
            Events phone = Events.device().seized().receivedAtLab(h(1)).downloadStarted(h(2)).withdrawn(h(3));
            assertThat(open(phone).keySet()).extracting(Deadline.Key::rule)
                    .doesNotContain(AlertRule.DOWNLOAD_STUCK, AlertRule.DOWNLOAD_UNVERIFIED, AlertRule.DOWNLOAD_STALE,
                            AlertRule.TIME_SENSITIVE_DATA);
        }
    }

    @Nested
    class TimeSensitiveData {

        @Test
        void data_at_risk_is_due_within_24h_or_by_its_expiry_if_sooner() {
            assertThat(breach(Events.device().atRisk(null).seized(), AlertRule.TIME_SENSITIVE_DATA))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(h(24)));
            assertThat(breach(Events.device().atRisk(h(6)).seized(), AlertRule.TIME_SENSITIVE_DATA))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(h(6)));
            assertThat(breach(Events.device().atRisk(h(60)).seized(), AlertRule.TIME_SENSITIVE_DATA))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(h(24)));
        }

        @Test
        void no_flag_no_deadline_and_a_completed_download_satisfies_it() {
            assertThat(breach(Events.device().seized(), AlertRule.TIME_SENSITIVE_DATA)).isEmpty();
            Events phone = Events.device().atRisk(null).seized().receivedAtLab(h(1)).downloadStarted(h(2));
            Deadline due = breach(phone, AlertRule.TIME_SENSITIVE_DATA).orElseThrow();
            assertThat(breach(phone, AlertRule.TIME_SENSITIVE_DATA)).as("a started download is not enough").isPresent();
            phone.downloadCompleted(h(20));
            assertThat(breach(phone, AlertRule.TIME_SENSITIVE_DATA)).isEmpty();
            assertThat(resolution(due, phone)).isEqualTo(Resolution.IN_TIME);
        }
    }

    @Nested
    class VictimUpdateOverdue {

        @Test
        void a_victim_hears_from_us_at_the_agreed_frequency_capped_by_the_tier() {
            assertThat(breach(Events.device().care(VictimsCodeTier.STANDARD, 40).seized(), AlertRule.VICTIM_UPDATE_OVERDUE))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(T0.plus(Duration.ofDays(28))));
            assertThat(breach(Events.device().care(VictimsCodeTier.STANDARD, 10).seized(), AlertRule.VICTIM_UPDATE_OVERDUE))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(T0.plus(Duration.ofDays(10))));
            assertThat(breach(Events.device().care(VictimsCodeTier.ENHANCED, 28).seized(), AlertRule.VICTIM_UPDATE_OVERDUE))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(T0.plus(Duration.ofDays(14))));
        }

        @Test
        void each_update_satisfies_the_period_and_starts_the_next() {
            Events phone = Events.device().care(VictimsCodeTier.STANDARD, 10).seized();
            Deadline first = breach(phone, AlertRule.VICTIM_UPDATE_OVERDUE).orElseThrow();
            Instant update = T0.plus(Duration.ofDays(12));
            phone.victimNotified(update);
            assertThat(resolution(first, phone)).isEqualTo(Resolution.LATE);
            assertThat(breach(phone, AlertRule.VICTIM_UPDATE_OVERDUE))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(update.plus(Duration.ofDays(10))));
        }

        @Test
        void only_victims_are_covered() {
            assertThat(breach(Events.device().owner(OwnerRole.WITNESS).seized(), AlertRule.VICTIM_UPDATE_OVERDUE)).isEmpty();
        }
    }

    @Nested
    class LongHold {

        @Test
        void any_held_device_reaches_the_89_day_review_point() {
            assertThat(breach(Events.device().owner(OwnerRole.SUSPECT).seized(), AlertRule.LONG_HOLD))
                    .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(T0.plus(Duration.ofDays(89))));
        }

        @Test
        void a_return_closes_every_deadline_and_satisfies_the_long_hold() {
            Events phone = Events.device().atRisk(null).seized().receivedAtLab(h(1)).downloadStarted(h(2));
            Deadline hold = breach(phone, AlertRule.LONG_HOLD).orElseThrow();
            phone.returned(T0.plus(Duration.ofDays(100)));
            assertThat(open(phone)).isEmpty();
            assertThat(resolution(hold, phone)).isEqualTo(Resolution.LATE);
        }
    }

    @Test
    void a_re_seizure_opens_fresh_deadlines_from_the_new_seizure() {
        Instant again = T0.plus(Duration.ofDays(30));
        Events phone = Events.device().seized().returned(h(10)).seizedAt(again).seized();
        assertThat(breach(phone, AlertRule.RETURN_24H))
                .hasValueSatisfying(d -> assertThat(d.dueAt()).isEqualTo(again.plus(Duration.ofHours(24))));
    }

    @Test
    void every_alert_rule_has_exactly_one_current_policy() {
        assertThat(DeadlinePolicy.allCurrentPolicies()).extracting(DeadlinePolicy::rule)
                .containsExactlyInAnyOrder(AlertRule.values());
    }

    @Nested
    class SealIntegrity {

        @Test
        void an_intact_seal_with_the_recorded_number_raises_nothing() {
            Events phone = Events.device().seized().transferred(h(1), "SEAL-1", true)
                    .receivedAtLab(h(2), " seal-1 ", true);
            assertThat(open(phone).values()).noneMatch(d -> d.rule() == AlertRule.SEAL_INTEGRITY);
        }

        @Test
        void a_broken_seal_at_a_transfer_is_a_finding_due_when_it_was_found() {
            Events phone = Events.device().seized().transferred(h(3), "SEAL-1", false);
            assertThat(breach(phone, AlertRule.SEAL_INTEGRITY)).hasValueSatisfying(d -> {
                assertThat(d.dueAt()).isEqualTo(h(3));
                assertThat(d.fireAt()).isEqualTo(h(3));
            });
            assertThat(warning(phone, AlertRule.SEAL_INTEGRITY)).isEmpty();
            assertThat(AlertRule.SEAL_INTEGRITY.isDeadline()).as("a finding orders no queue").isFalse();
        }

        @Test
        void another_seal_number_at_the_lab_is_a_finding_even_when_intact() {
            Events phone = Events.device().seized().receivedAtLab(h(2), "SEAL-9", true);
            assertThat(breach(phone, AlertRule.SEAL_INTEGRITY)).hasValueSatisfying(d ->
                    assertThat(d.dueAt()).isEqualTo(h(2)));
        }

        @Test
        void each_failed_check_is_its_own_finding_and_the_return_supersedes_them() {
            Events phone = Events.device().seized().transferred(h(1), "SEAL-1", false)
                    .receivedAtLab(h(2), "SEAL-2", true);
            assertThat(open(phone).values()).filteredOn(d -> d.rule() == AlertRule.SEAL_INTEGRITY)
                    .extracting(Deadline::dueAt).containsExactlyInAnyOrder(h(1), h(2));
            Deadline first = breach(phone, AlertRule.SEAL_INTEGRITY).orElseThrow();
            phone.returned(h(5));
            assertThat(open(phone)).isEmpty();
            assertThat(resolution(first, phone)).isEqualTo(Resolution.SUPERSEDED);
        }

        @Test
        void a_re_seizure_starts_with_a_clean_seal_record() {
            Events phone = Events.device().seized().transferred(h(1), "SEAL-1", false).returned(h(5))
                    .seizedAt(T0.plus(Duration.ofDays(10))).seized();
            assertThat(breach(phone, AlertRule.SEAL_INTEGRITY)).isEmpty();
        }
    }

    /** What the alert engine raises at a moment: a warning only while its breach lies ahead. */
    @Nested
    class WhatIsRaised {

        private Set<AlertRule> raised(Deadlines.Due due, AlertSeverity severity) {
            return due.raise().stream().filter(d -> d.severity() == severity).map(Deadline::rule)
                    .collect(Collectors.toSet());
        }

        @Test
        void a_warning_is_raised_alone_between_its_fire_time_and_its_breach() {
            Events phone = Events.device().seized();
            Deadlines.Due due = Deadlines.due(open(phone).values(), Set.of(), h(21));
            assertThat(due.raise()).singleElement().satisfies(d -> {
                assertThat(d.rule()).isEqualTo(AlertRule.RETURN_24H);
                assertThat(d.severity()).isEqualTo(AlertSeverity.WARNING);
            });
            assertThat(due.nextFireAt()).isEqualTo(h(24));
        }

        @Test
        void a_seizure_logged_30_hours_late_raises_the_24h_breach_without_its_warning() {
            Events phone = Events.device().seized();
            Deadlines.Due due = Deadlines.due(open(phone).values(), Set.of(), h(30));
            assertThat(raised(due, AlertSeverity.BREACH)).contains(AlertRule.RETURN_24H, AlertRule.REPLACEMENT_24H);
            assertThat(raised(due, AlertSeverity.WARNING)).isEmpty();
            assertThat(due.nextFireAt()).as("the moot warning is not looked at again")
                    .isEqualTo(T0.plus(Duration.ofDays(28)));
        }

        @Test
        void a_warning_is_moot_from_its_breach_time_and_a_breach_never_is() {
            Deadline warning = new Deadline(AlertRule.RETURN_24H, AlertSeverity.WARNING, h(24), h(20));
            assertThat(warning.isMootAt(h(23))).isFalse();
            assertThat(warning.isMootAt(h(24))).isTrue();
            assertThat(new Deadline(AlertRule.RETURN_24H, AlertSeverity.BREACH, h(24), h(24)).isMootAt(h(100)))
                    .isFalse();
        }

        @Test
        void at_the_breach_time_itself_the_breach_alone_is_raised() {
            Deadlines.Due due = Deadlines.due(open(Events.device().seized()).values(), Set.of(), h(24));
            assertThat(raised(due, AlertSeverity.WARNING)).isEmpty();
            assertThat(raised(due, AlertSeverity.BREACH)).contains(AlertRule.RETURN_24H);
        }

        @Test
        void every_rule_with_a_warning_raises_the_breach_alone_once_it_is_due() {
            for (AlertRule rule : AlertRule.values()) {
                Deadline breach = new Deadline(rule, AlertSeverity.BREACH, h(24), h(24));
                Deadline warning = new Deadline(rule, AlertSeverity.WARNING, h(24), h(20));
                Deadlines.Due due = Deadlines.due(List.of(warning, breach), Set.of(), h(24).plusSeconds(1));
                assertThat(due.raise()).as(rule.name()).containsExactly(breach);
                assertThat(Deadlines.due(List.of(warning, breach), Set.of(), h(23)).raise()).as(rule.name())
                        .containsExactly(warning);
            }
        }

        @Test
        void a_warning_whose_breach_has_its_alert_is_never_raised_nor_waited_for() {
            Events phone = Events.device().seized();
            Map<Deadline.Key, Deadline> open = open(phone);
            Deadline.Key breach = new Deadline.Key(AlertRule.RETURN_24H, AlertSeverity.BREACH, h(24));
            Set<Deadline.Key> alerted = open.keySet().stream()
                    .filter(k -> k.severity() == AlertSeverity.BREACH && !k.dueAt().isAfter(h(24)))
                    .collect(Collectors.toSet());
            assertThat(alerted).contains(breach);
            assertThat(Deadlines.nextFireAt(open.values(), alerted)).isEqualTo(T0.plus(Duration.ofDays(28)));
            assertThat(Deadlines.nextFireAt(open.values(), Set.of())).as("before any alert").isEqualTo(h(20));
        }

        @Test
        void a_deadline_with_an_alert_is_never_raised_again() {
            Events phone = Events.device().seized();
            Set<Deadline.Key> all = open(phone).keySet();
            assertThat(Deadlines.due(open(phone).values(), all, h(1000)).raise()).isEmpty();
        }
    }

    @Test
    void a_step_that_is_not_the_awaited_one_supersedes() {
        Events phone = Events.device().seized();
        Deadline returnDue = breach(phone, AlertRule.RETURN_24H).orElseThrow();
        DeviceEvent unrelated = phone.receivedAtLab(h(1)).last();
        assertThat(deadlines.resolution(returnDue.key(), unrelated)).isEqualTo(Resolution.SUPERSEDED);
    }
}
