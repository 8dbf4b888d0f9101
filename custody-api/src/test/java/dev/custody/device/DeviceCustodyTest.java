package dev.custody.device;

import dev.custody.commands.DeviceCommand;
import dev.custody.commands.DeviceCommand.CompleteDownload;
import dev.custody.commands.DeviceCommand.CompleteExamination;
import dev.custody.commands.DeviceCommand.ExtendRetention;
import dev.custody.commands.DeviceCommand.FailDownload;
import dev.custody.commands.DeviceCommand.IssueReplacement;
import dev.custody.commands.DeviceCommand.MarkReadyForCollection;
import dev.custody.commands.DeviceCommand.ReceiveAtLab;
import dev.custody.commands.DeviceCommand.RecordVictimNotified;
import dev.custody.commands.DeviceCommand.ReseizeDevice;
import dev.custody.commands.DeviceCommand.ReturnDevice;
import dev.custody.commands.DeviceCommand.ReturnReplacement;
import dev.custody.commands.DeviceCommand.SeizeDevice;
import dev.custody.commands.DeviceCommand.StartDownload;
import dev.custody.commands.DeviceCommand.StartExamination;
import dev.custody.commands.DeviceCommand.TransferCustody;
import dev.custody.commands.DeviceCommand.VerifyDownload;
import dev.custody.commands.DeviceCommand.WithdrawAgreement;
import dev.custody.device.RuleViolation.FieldProblem;
import dev.custody.device.RuleViolation.Kind;
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
import dev.custody.testing.Seizures;
import dev.custody.values.Actor;
import dev.custody.values.Agreement;
import dev.custody.values.AgreementGiver;
import dev.custody.values.CaseReference;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceDescription;
import dev.custody.values.DeviceId;
import dev.custody.values.DeviceType;
import dev.custody.values.ExtractionType;
import dev.custody.values.ForceCode;
import dev.custody.values.Holder;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.Justification;
import dev.custody.values.LabId;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.LegalRecord;
import dev.custody.values.NoticeElement;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.ReplacementKind;
import dev.custody.values.Reseizure;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.Scope;
import dev.custody.values.ScopeReview;
import dev.custody.values.SealCheck;
import dev.custody.values.SeizureDetails;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.values.WrittenNotice;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.instanceOf;

/**
 * Every transition of the custody record and every rule it enforces, on Axon's {@link AggregateTestFixture}.
 * <p>
 * Layout: test data at the top; one {@code @Nested} class per command with its happy event and its own rules; then
 * the rules every step shares (timing, force, return, withdrawal), run over a table of all steps so no command can
 * slip out of them. A rejection always asserts the {@link RuleViolation} kind and {@code rule()} code and that no
 * event was stored. Time is a fixed clock: {@code recordedAt} in every expected event is {@link #NOW}.
 */
@DisplayName("DeviceCustody aggregate")
class DeviceCustodyTest {

    // =================================================================================================================
    // Test data
    // =================================================================================================================

    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration SKEW = CustodyPolicy.DEFAULT.clockSkew();
    static final Period DEFAULT_LIMIT = CustodyPolicy.DEFAULT.dateRangeLimit();

    /** The given histories put their steps on an hourly grid after this seizure; commands then happen at NOW. */
    static final Instant SEIZED_AT = NOW.minus(Duration.ofDays(2));

    static Instant at(int hoursAfterSeizure) {
        return SEIZED_AT.plus(Duration.ofHours(hoursAfterSeizure));
    }

    static final DeviceId DEVICE = DeviceId.of("0f6c2a7e-3b1d-4e59-9a38-5c1f7d2b8e41");
    static final ForceCode DYFED_POWYS = new ForceCode("dyfed-powys");
    static final ForceCode MET = new ForceCode("met");
    static final LabId DFU = new LabId("dyfed-powys-dfu");

    static final Actor OFFICER = new Actor("dp-officer-4521", Set.of(Role.OFFICER), DYFED_POWYS, null);
    static final Actor LAB = new Actor("dp-analyst-17", Set.of(Role.LAB), DYFED_POWYS, DFU);
    static final Actor SUPERVISOR = new Actor("dp-sergeant-88", Set.of(Role.SUPERVISOR), DYFED_POWYS, null);
    static final Actor MET_OFFICER = new Actor("met-officer-901", Set.of(Role.OFFICER), MET, null);
    /** A national role: no force. */
    static final Actor INSPECTOR = new Actor("hmicfrs-inspector-3", Set.of(Role.INSPECTOR), null, null);

    static final Holder SEIZING_OFFICER = new Holder(HolderKind.OFFICER, OFFICER.id());
    static final Holder PROPERTY_STORE = new Holder(HolderKind.PROPERTY_STORE, "Carmarthen property store");
    static final Holder COURIER = new Holder(HolderKind.COURIER, "Evidence courier van 3");
    static final SealCheck SEAL_OK = new SealCheck("SEAL-001", true);

    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String OTHER_HASH = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    static final long SIZE = 64_000_000_000L;
    static final Instant RETAIN_UNTIL = NOW.plus(Duration.ofDays(30));

    static final ScopeReview WITHIN_LIMIT = new ScopeReview(DEFAULT_LIMIT, false);

    // The seizure records come from the shared fixtures (Seizures), seized at SEIZED_AT by OFFICER.

    static Justification justification() {
        return Seizures.justification();
    }

    static WrittenNotice fullNotice() {
        return Seizures.fullNotice();
    }

    static Agreement agreement() {
        return Seizures.agreement(SEIZED_AT, OFFICER.id());
    }

    static LegalRecord agreementRecord() {
        return Seizures.agreementRecord(SEIZED_AT, OFFICER.id());
    }

    static Scope scope(LocalDate from, LocalDate to, String longRangeJustification) {
        return Seizures.scope(from, to, longRangeJustification);
    }

    static Scope boundedScope() {
        return Seizures.boundedScope();
    }

    static SeizureDetails details(OwnerRole role, LegalRecord legal, Scope scope, VictimCare care) {
        return Seizures.victimPhone(SEIZED_AT, OFFICER.id()).role(role).legal(legal).scope(scope).care(care).build();
    }

    /** A complete, lawful record for a victim's phone taken on s.37 agreement. */
    static SeizureDetails victimPhone() {
        return Seizures.victimPhone(SEIZED_AT, OFFICER.id()).build();
    }

    static SeizureDetails victimPhoneWithScope(Scope scope) {
        return Seizures.victimPhone(SEIZED_AT, OFFICER.id()).scope(scope).build();
    }

    static SeizureDetails witnessPhone() {
        return Seizures.victimPhone(SEIZED_AT, OFFICER.id()).role(OwnerRole.WITNESS).care(null).build();
    }

    /** A suspect's phone seized under PACE: no agreement, notice, justification, scope or victim care. */
    static SeizureDetails suspectPhoneUnderPace() {
        return Seizures.suspectPhoneUnderPace(SEIZED_AT, OFFICER.id()).build();
    }

    // ---- events: the histories that commands are tried against ----

    static DeviceSeized seized() {
        return seized(victimPhone());
    }

    static DeviceSeized seized(SeizureDetails details) {
        return new DeviceSeized(DEVICE, SEIZED_AT, SEIZED_AT, OFFICER, DYFED_POWYS, 1, null, details, WITHIN_LIMIT);
    }

    static DeviceReceivedAtLab receivedAtLab(Instant t) {
        return new DeviceReceivedAtLab(DEVICE, t, t, LAB, DFU, SEIZING_OFFICER, SEAL_OK);
    }

    static CustodyTransferred transferred(Holder from, Holder to, Instant t) {
        return new CustodyTransferred(DEVICE, t, t, OFFICER, from, to, SEAL_OK);
    }

    static DownloadStarted downloadStarted(int attempt, Instant t) {
        return new DownloadStarted(DEVICE, t, t, LAB, attempt, "UFED 7.6", ExtractionType.FILE_SYSTEM);
    }

    static DownloadCompleted downloadCompleted(int attempt, String hash, Instant t) {
        return new DownloadCompleted(DEVICE, t, t, LAB, attempt, hash, SIZE);
    }

    static DownloadFailed downloadFailed(int attempt, Instant t) {
        return new DownloadFailed(DEVICE, t, t, LAB, attempt, "Device rebooted mid-extraction");
    }

    static DownloadVerified downloadVerified(int attempt, Instant t) {
        return new DownloadVerified(DEVICE, t, t, LAB, attempt, HASH);
    }

    static ExaminationStarted examinationStarted(Instant t) {
        return new ExaminationStarted(DEVICE, t, t, LAB);
    }

    static ExaminationCompleted examinationCompleted(Instant t) {
        return new ExaminationCompleted(DEVICE, t, t, LAB, true, "Messages found");
    }

    static ReplacementIssued replacementIssued(int number, Instant t) {
        return new ReplacementIssued(DEVICE, t, t, OFFICER, number, ReplacementKind.SWAP_OUT, null);
    }

    static ReplacementReturned replacementReturned(int number, Instant t) {
        return new ReplacementReturned(DEVICE, t, t, OFFICER, number);
    }

    static AgreementWithdrawn agreementWithdrawn(Instant t) {
        return new AgreementWithdrawn(DEVICE, t, t, OFFICER, "Victim withdrew agreement by phone");
    }

    static DeviceReadyForCollection readyForCollection(Instant t) {
        return new DeviceReadyForCollection(DEVICE, t, t, OFFICER, null);
    }

    static DeviceReturned deviceReturned(Instant t) {
        return new DeviceReturned(DEVICE, t, t, OFFICER, ReturnRecipient.OWNER, null);
    }

    static VictimNotified victimNotified(Instant t) {
        return new VictimNotified(DEVICE, t, t, OFFICER, NotificationChannel.SMS, Language.CY, "device-received-at-lab",
                "msg-1");
    }

    static List<DeviceEvent> history(List<DeviceEvent> before, DeviceEvent... more) {
        List<DeviceEvent> all = new ArrayList<>(before);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    static List<DeviceEvent> seizedHistory() {
        return List.of(seized());
    }

    static List<DeviceEvent> atLab() {
        return history(seizedHistory(), receivedAtLab(at(2)));
    }

    static List<DeviceEvent> downloading() {
        return history(atLab(), downloadStarted(1, at(3)));
    }

    static List<DeviceEvent> downloadFailedHistory() {
        return history(downloading(), downloadFailed(1, at(4)));
    }

    static List<DeviceEvent> downloaded() {
        return history(downloading(), downloadCompleted(1, HASH, at(4)));
    }

    static List<DeviceEvent> verified() {
        return history(downloaded(), downloadVerified(1, at(5)));
    }

    static List<DeviceEvent> examining() {
        return history(verified(), examinationStarted(at(6)));
    }

    static List<DeviceEvent> examined() {
        return history(examining(), examinationCompleted(at(7)));
    }

    static List<DeviceEvent> returned() {
        return history(seizedHistory(), deviceReturned(at(8)));
    }

    static List<DeviceEvent> withdrawn() {
        return history(seizedHistory(), agreementWithdrawn(at(1)));
    }

    static List<DeviceEvent> replacementOut() {
        return history(seizedHistory(), replacementIssued(1, at(1)));
    }

    /** When the last lifecycle step of a history happened: the earliest a next step may be dated. */
    static Instant lastStep(List<DeviceEvent> history) {
        return history.stream().filter(DeviceEvent::advancesLifecycle).map(DeviceEvent::occurredAt)
                .reduce((a, b) -> b).orElseThrow();
    }

    // ---- commands, by (occurredAt, actor) so the shared rules can vary either ----

    static ReseizeDevice reseize(Instant t, Actor a) {
        return new ReseizeDevice(DEVICE, t, a, victimPhone());
    }

    static TransferCustody transfer(Instant t, Actor a) {
        return new TransferCustody(DEVICE, t, a, PROPERTY_STORE, SEAL_OK);
    }

    static ReceiveAtLab receive(Instant t, Actor a) {
        return new ReceiveAtLab(DEVICE, t, a, DFU, SEAL_OK);
    }

    static StartDownload startDownload(Instant t, Actor a) {
        return new StartDownload(DEVICE, t, a, "UFED 7.6", ExtractionType.FULL_FILE_SYSTEM);
    }

    static CompleteDownload completeDownload(Instant t, Actor a) {
        return new CompleteDownload(DEVICE, t, a, 1, HASH, SIZE);
    }

    static FailDownload failDownload(Instant t, Actor a) {
        return new FailDownload(DEVICE, t, a, 1, "Passcode lock could not be bypassed");
    }

    static VerifyDownload verifyDownload(Instant t, Actor a) {
        return new VerifyDownload(DEVICE, t, a, 1, HASH);
    }

    static StartExamination startExamination(Instant t, Actor a) {
        return new StartExamination(DEVICE, t, a);
    }

    static CompleteExamination completeExamination(Instant t, Actor a) {
        return new CompleteExamination(DEVICE, t, a, false, "Nothing relevant in the stated range");
    }

    static IssueReplacement issueReplacement(Instant t, Actor a) {
        return new IssueReplacement(DEVICE, t, a, ReplacementKind.SWAP_OUT, "Same number, data restored from backup");
    }

    static ReturnReplacement returnReplacement(Instant t, Actor a) {
        return new ReturnReplacement(DEVICE, t, a, 1);
    }

    static ExtendRetention extendRetention(Instant t, Actor a) {
        return new ExtendRetention(DEVICE, t, a, RETAIN_UNTIL, "Examination backlog; victim informed");
    }

    static WithdrawAgreement withdrawAgreement(Instant t, Actor a) {
        return new WithdrawAgreement(DEVICE, t, a, "Victim no longer wishes to support extraction");
    }

    static MarkReadyForCollection markReadyForCollection(Instant t, Actor a) {
        return new MarkReadyForCollection(DEVICE, t, a, "Collect from Carmarthen front desk");
    }

    static ReturnDevice returnDevice(Instant t, Actor a) {
        return new ReturnDevice(DEVICE, t, a, null, "Handed back at Carmarthen station");
    }

    static RecordVictimNotified victimNotified(Instant t, Actor a) {
        return new RecordVictimNotified(DEVICE, t, a, NotificationChannel.VIA_ISVA, Language.CY, "device-ready",
                "isva-note-12");
    }

    // =================================================================================================================
    // Fixture and assertion helpers
    // =================================================================================================================

    AggregateTestFixture<DeviceCustody> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(CustodyPolicy.DEFAULT);
    }

    static AggregateTestFixture<DeviceCustody> fixture(CustodyPolicy policy) {
        AggregateTestFixture<DeviceCustody> f = new AggregateTestFixture<>(DeviceCustody.class);
        f.registerCommandTargetResolver(new DeviceCommandTargetResolver());
        f.registerInjectableResource(CLOCK);
        f.registerInjectableResource(policy);
        return f;
    }

    static Matcher<RuleViolation> conflict(String rule) {
        return violation(Kind.CONFLICT, rule, v -> {
        });
    }

    static Matcher<RuleViolation> forbidden(String rule) {
        return violation(Kind.FORBIDDEN, rule, v -> {
        });
    }

    static Matcher<RuleViolation> notFound(String rule) {
        return violation(Kind.NOT_FOUND, rule, v -> {
        });
    }

    /** A 422 naming exactly these request fields. */
    static Matcher<RuleViolation> unprocessable(String rule, String... fields) {
        return violation(Kind.UNPROCESSABLE, rule, v -> assertThat(v.fieldProblems())
                .extracting(FieldProblem::field).containsExactlyInAnyOrder(fields));
    }

    /** A {@link RuleViolation} of this kind and rule that also passes the given AssertJ checks. */
    static Matcher<RuleViolation> violation(Kind kind, String rule, Consumer<RuleViolation> more) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation actual, Description mismatch) {
                if (actual.kind() != kind || !rule.equals(actual.rule())) {
                    mismatch.appendText("was ").appendValue(actual);
                    return false;
                }
                try {
                    more.accept(actual);
                    return true;
                } catch (AssertionError e) {
                    mismatch.appendText(e.getMessage());
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolation " + kind + " " + rule);
            }
        };
    }

    /** Exactly one event, of this type, was applied. */
    static void expectOneEventOfType(ResultValidator<DeviceCustody> result, Class<? extends DeviceEvent> type) {
        result.expectEventsMatching(payloadsMatching(exactSequenceOf(instanceOf(type), andNoMore())));
    }

    // =================================================================================================================
    // One nested class per command
    // =================================================================================================================

    @Nested
    @DisplayName("SeizeDevice")
    class Seize {

        private final Instant seizedAt = NOW.minus(Duration.ofMinutes(10));

        @Test
        void a_victims_phone_with_the_full_record_is_seized() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, victimPhone()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null,
                            victimPhone(), WITHIN_LIMIT));
        }

        @Test
        void the_force_comes_from_the_seizing_officer() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, MET_OFFICER, victimPhone()))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, MET_OFFICER, MET, 1, null,
                            victimPhone(), WITHIN_LIMIT));
        }

        @Test
        void a_witness_phone_with_the_full_record_needs_no_victim_care() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, witnessPhone()))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null,
                            witnessPhone(), WITHIN_LIMIT));
        }

        @Test
        void a_suspects_phone_under_PACE_does_not_need_the_s37_record() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, suspectPhoneUnderPace()))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null,
                            suspectPhoneUnderPace(), WITHIN_LIMIT));
        }

        @Test
        void an_open_ended_range_counts_as_exceeding_the_limit_and_needs_a_justification() {
            SeizureDetails openEnded = details(OwnerRole.SUSPECT,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null),
                    new Scope(LocalDate.of(2025, 6, 1), null, Set.of(DataCategory.MESSAGES), null), null);
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, openEnded))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "date-range-exceeds-limit", v ->
                            assertThat(v.fieldProblems()).extracting(FieldProblem::field)
                                    .containsExactly("scope.longRangeJustification")));
        }

        @Test
        void a_justified_open_ended_range_is_recorded_as_exceeding_the_limit() {
            SeizureDetails openEnded = details(OwnerRole.SUSPECT,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null),
                    new Scope(LocalDate.of(2025, 6, 1), null, Set.of(DataCategory.MESSAGES),
                            "Ongoing offending: messages up to arrest are needed"), null);
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, openEnded))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null,
                            openEnded, new ScopeReview(Period.ofMonths(12), true)));
        }

        @Test
        void a_seizure_without_details_is_refused_not_crashed() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, null))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v ->
                            assertThat(v.fieldProblems()).extracting(FieldProblem::field).containsExactly("details")));
        }

        @Test
        void every_missing_field_is_listed_at_once() {
            SeizureDetails blankForm = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT,
                            new Justification("", "   ", "Screenshots considered", false),
                            new WrittenNotice("DPN-2024-03", Language.EN,
                                    Set.of(NoticeElement.INFORMATION_SOUGHT, NoticeElement.REASON_SOUGHT)),
                            null),
                    new Scope(LocalDate.of(2019, 1, 1), null, Set.of(DataCategory.MESSAGES), null),
                    new VictimCare(VictimsCodeTier.STANDARD, 28));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, blankForm))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v -> {
                        assertThat(v.fieldProblems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                                "legal.justification.lineOfEnquiry",
                                "legal.justification.necessityAndProportionality",
                                "legal.notice.elementsConfirmed",
                                "legal.agreement",
                                "scope.to");
                        assertThat(v.fieldProblems()).filteredOn(p -> p.field().equals("legal.notice.elementsConfirmed"))
                                .singleElement().extracting(FieldProblem::message).asString()
                                .contains("HOW_IT_WILL_BE_HANDLED", "MAY_REFUSE",
                                        "REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION")
                                .doesNotContain("INFORMATION_SOUGHT");
                    }));
        }

        @Test
        void a_wholly_blank_legal_record_lists_each_missing_part() {
            SeizureDetails blankForm = details(OwnerRole.VICTIM,
                    new LegalRecord(null, null, null, null, null), null, null);

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, blankForm))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "legal.purpose", "legal.basis", "legal.justification", "legal.notice", "legal.agreement",
                            "scope", "victimCare"));
        }

        @Test
        void a_notice_missing_one_s39_element_is_refused() {
            Set<NoticeElement> four = EnumSet.allOf(NoticeElement.class);
            four.remove(NoticeElement.REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION);
            SeizureDetails details = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT, justification(),
                            new WrittenNotice("DPN-2024-03", Language.EN, four), agreement()),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 14));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v -> {
                        assertThat(v.fieldProblems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("legal.notice.elementsConfirmed");
                            assertThat(p.message()).contains("REFUSAL_ALONE_DOES_NOT_END_INVESTIGATION");
                        });
                    }));
        }

        @Test
        void a_witness_also_needs_the_full_record() {
            SeizureDetails details = details(OwnerRole.WITNESS,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null), null, null);

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "legal.justification", "legal.notice", "legal.agreement", "scope"));
        }

        @Test
        void a_suspects_phone_held_on_agreement_needs_the_full_record() {
            SeizureDetails details = details(OwnerRole.SUSPECT,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT, null, null, null), null, null);

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "legal.justification", "legal.notice", "legal.agreement", "scope"));
        }

        @Test
        void a_victim_needs_victim_care() {
            SeizureDetails details = details(OwnerRole.VICTIM, agreementRecord(), boundedScope(), null);

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "victimCare"));
        }

        @Test
        void victim_care_needs_a_tier_and_a_sane_frequency() {
            SeizureDetails details = details(OwnerRole.VICTIM, agreementRecord(), boundedScope(),
                    new VictimCare(null, 0));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "victimCare.tier", "victimCare.updateEveryDays"));
        }

        @Test
        void the_scope_must_name_a_category_of_data() {
            SeizureDetails details = victimPhoneWithScope(
                    new Scope(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), Set.of(), null));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "scope.categories"));
        }

        @Test
        void the_device_needs_a_seal_number() {
            SeizureDetails details = new SeizureDetails(new CaseReference("DP-2026-0042"),
                    new DeviceDescription(DeviceType.MOBILE_PHONE, "Black iPhone 13", " "), OwnerRole.SUSPECT,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null), null, List.of(), null,
                    null);

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "device.sealNumber"));
        }

        @Test
        void scope_to_before_scope_from_is_refused() {
            SeizureDetails details = victimPhoneWithScope(
                    scope(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 1, 1), null));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "scope.to"));
        }

        @Test
        void a_range_longer_than_the_limit_needs_a_justification() {
            SeizureDetails sevenYears = victimPhoneWithScope(
                    scope(LocalDate.of(2019, 4, 1), LocalDate.of(2026, 3, 31), null));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, sevenYears))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_blank_justification_does_not_count() {
            SeizureDetails sevenYears = victimPhoneWithScope(
                    scope(LocalDate.of(2019, 4, 1), LocalDate.of(2026, 3, 31), "  "));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, sevenYears))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_long_range_with_a_justification_is_accepted_and_flagged_for_inspectors() {
            SeizureDetails justified = victimPhoneWithScope(scope(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 3, 31),
                    "Contact with the suspect began in January 2024 and is the course of conduct alleged"));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, justified))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null, justified,
                            new ScopeReview(DEFAULT_LIMIT, true)));
        }

        @Test
        void a_range_of_exactly_the_limit_needs_no_justification() {
            SeizureDetails twelveMonths = victimPhoneWithScope(
                    scope(LocalDate.of(2025, 3, 31), LocalDate.of(2026, 3, 31), null));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, twelveMonths))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null, twelveMonths,
                            WITHIN_LIMIT));
        }

        @Test
        void one_day_over_the_limit_needs_a_justification() {
            SeizureDetails oneDayOver = victimPhoneWithScope(
                    scope(LocalDate.of(2025, 3, 30), LocalDate.of(2026, 3, 31), null));

            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, oneDayOver))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_forces_own_limit_replaces_the_default() {
            Period dyfedPowysLimit = Period.ofMonths(24);
            SeizureDetails eighteenMonths = victimPhoneWithScope(
                    scope(LocalDate.of(2024, 10, 1), LocalDate.of(2026, 3, 31), null));

            fixture(new CustodyPolicy(DEFAULT_LIMIT, Map.of(DYFED_POWYS, dyfedPowysLimit), SKEW))
                    .givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, eighteenMonths))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null,
                            eighteenMonths, new ScopeReview(dyfedPowysLimit, false)));
        }

        @Test
        void other_forces_keep_the_default_limit() {
            SeizureDetails eighteenMonths = victimPhoneWithScope(
                    scope(LocalDate.of(2024, 10, 1), LocalDate.of(2026, 3, 31), null));

            fixture(new CustodyPolicy(DEFAULT_LIMIT, Map.of(DYFED_POWYS, Period.ofMonths(24)), SKEW))
                    .givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, MET_OFFICER, eighteenMonths))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_stricter_force_limit_is_enforced() {
            fixture(new CustodyPolicy(DEFAULT_LIMIT, Map.of(DYFED_POWYS, Period.ofMonths(1)), SKEW))
                    .givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, victimPhone()))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_user_without_a_force_cannot_seize() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, INSPECTOR, victimPhone()))
                    .expectNoEvents()
                    .expectException(forbidden("force-required"));
        }

        @Test
        void occurred_at_is_required() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, null, OFFICER, victimPhone()))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-required", "occurredAt"));
        }

        @Test
        void occurred_at_beyond_the_clock_skew_is_in_the_future() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, NOW.plus(SKEW).plusSeconds(1), OFFICER, victimPhone()))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-in-future", "occurredAt"));
        }

        @Test
        void occurred_at_within_the_clock_skew_is_accepted() {
            Instant slightlyAhead = NOW.plus(SKEW);
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, slightlyAhead, OFFICER, victimPhone()))
                    .expectEvents(new DeviceSeized(DEVICE, slightlyAhead, NOW, OFFICER, DYFED_POWYS, 1, null,
                            victimPhone(), WITHIN_LIMIT));
        }
    }

    /** The s.37-39 record's free text must say something: no placeholders, no few-letter stand-ins. */
    @Nested
    @DisplayName("SeizeDevice: a record with substance")
    class Substance {

        private final Instant seizedAt = NOW.minus(Duration.ofMinutes(10));

        static Stream<String> placeholders() {
            return Stream.of("n/a", "N/A", "n.a.", "-", ".", "none", "None.", "nil", "TBC", "see above", " - ",
                    "not applicable", "Not Known");
        }

        static SeizureDetails withJustification(String lineOfEnquiry, String necessity, String alternatives) {
            return details(OwnerRole.VICTIM, new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT,
                            new Justification(lineOfEnquiry, necessity, alternatives, true), fullNotice(), agreement()),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 14));
        }

        @ParameterizedTest
        @MethodSource("placeholders")
        void a_placeholder_line_of_enquiry_is_refused(String placeholder) {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification(placeholder,
                            justification().necessityAndProportionality(), justification().alternativesConsidered())))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "legal.justification.lineOfEnquiry"));
        }

        @ParameterizedTest
        @MethodSource("placeholders")
        void placeholder_alternatives_considered_are_refused(String placeholder) {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification(justification().lineOfEnquiry(),
                            justification().necessityAndProportionality(), placeholder)))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "legal.justification.alternativesConsidered"));
        }

        @ParameterizedTest
        @MethodSource("placeholders")
        void a_placeholder_necessity_and_proportionality_is_refused(String placeholder) {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification(justification().lineOfEnquiry(),
                            placeholder, justification().alternativesConsidered())))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record",
                            "legal.justification.necessityAndProportionality"));
        }

        @Test
        void every_empty_text_is_listed_at_once_with_what_is_needed_in_plain_english() {
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification("n/a", "-", "none")))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v -> {
                        assertThat(v.fieldProblems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                                "legal.justification.lineOfEnquiry", "legal.justification.necessityAndProportionality",
                                "legal.justification.alternativesConsidered");
                        assertThat(v.fieldProblems()).allSatisfy(p -> assertThat(p.message())
                                .contains("at least 15 letters", "\"n/a\"").doesNotContain("must not be blank"));
                        assertThat(v.fieldProblems()).filteredOn(p -> p.field().endsWith("lineOfEnquiry"))
                                .singleElement().extracting(FieldProblem::message).asString()
                                .startsWith("Describe the reasonable line of enquiry");
                        assertThat(v.fieldProblems()).filteredOn(p -> p.field().endsWith("alternativesConsidered"))
                                .singleElement().extracting(FieldProblem::message).asString()
                                .startsWith("Record the other ways of getting this information");
                    }));
        }

        @Test
        void a_text_with_fewer_letters_than_the_minimum_is_refused_however_it_is_padded() {
            // 14 letters: digits, spaces and punctuation do not count.
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification("Phone msgs 2026 !!! ...",
                            justification().necessityAndProportionality(), justification().alternativesConsidered())))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "legal.justification.lineOfEnquiry"));
        }

        @Test
        void a_short_but_real_text_at_the_minimum_is_accepted() {
            // 15 letters exactly, in Welsh: letters of any language count.
            SeizureDetails details = withJustification("Negeseuon gan y sawl",
                    justification().necessityAndProportionality(), justification().alternativesConsidered());
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, details))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null, details,
                            WITHIN_LIMIT));
        }

        @Test
        void a_placeholder_long_range_justification_does_not_count() {
            SeizureDetails sevenYears = victimPhoneWithScope(
                    scope(LocalDate.of(2019, 4, 1), LocalDate.of(2026, 3, 31), "n/a"));
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, sevenYears))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "date-range-exceeds-limit", v ->
                            assertThat(v.fieldProblems()).singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("scope.longRangeJustification");
                                assertThat(p.message()).contains("Explain why a range this long is proportionate");
                            })));
        }

        @Test
        void a_force_configures_the_minimum_and_its_own_placeholders() {
            CustodyPolicy strict = new CustodyPolicy(DEFAULT_LIMIT, Map.of(), SKEW,
                    new RecordSubstance(40, Set.of("as per the MG11")));
            fixture(strict).givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, withJustification("As per the MG11.",
                            "The messages exist only on this phone", justification().alternativesConsidered())))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v -> {
                        assertThat(v.fieldProblems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                                "legal.justification.lineOfEnquiry", "legal.justification.necessityAndProportionality");
                        assertThat(v.fieldProblems()).allSatisfy(p ->
                                assertThat(p.message()).contains("at least 40 letters"));
                    }));
            CustodyPolicy lenient = new CustodyPolicy(DEFAULT_LIMIT, Map.of(), SKEW, new RecordSubstance(1, Set.of()));
            SeizureDetails terse = withJustification("Threats", "Only copy", "None");
            fixture(lenient).givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, terse))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null, terse,
                            WITHIN_LIMIT));
        }

        @Test
        void agreement_on_behalf_of_a_child_is_a_s38_agreement_and_is_recorded_with_who_gave_it() {
            SeizureDetails child = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.SAFEGUARDING, LegalBasis.PCSC_S38_AGREEMENT_ON_BEHALF, justification(),
                            fullNotice(), new Agreement(AgreementGiver.PARENT_OR_GUARDIAN, SEIZED_AT, OFFICER.id())),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 7));
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, child))
                    .expectEvents(new DeviceSeized(DEVICE, seizedAt, NOW, OFFICER, DYFED_POWYS, 1, null, child,
                            WITHIN_LIMIT));
        }

        @Test
        void a_s38_agreement_must_name_who_agreed_on_the_users_behalf() {
            SeizureDetails selfAgreedS38 = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.SAFEGUARDING, LegalBasis.PCSC_S38_AGREEMENT_ON_BEHALF, justification(),
                            fullNotice(), agreement()),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 7));
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, selfAgreedS38))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "legal.agreement.givenBy"));
        }

        @Test
        void a_s37_agreement_is_the_users_own() {
            SeizureDetails onBehalfUnderS37 = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT, justification(), fullNotice(),
                            new Agreement(AgreementGiver.OTHER_RESPONSIBLE_ADULT, SEIZED_AT, OFFICER.id())),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 14));
            fixture.givenNoPriorActivity()
                    .when(new SeizeDevice(DEVICE, seizedAt, OFFICER, onBehalfUnderS37))
                    .expectNoEvents()
                    .expectException(violation(Kind.UNPROCESSABLE, "incomplete-seizure-record", v ->
                            assertThat(v.fieldProblems()).singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("legal.agreement.givenBy");
                                assertThat(p.message()).contains("choose the s.38 legal basis");
                            })));
        }

        @Test
        void a_reseizure_needs_a_record_with_substance_too() {
            fixture.given(returned())
                    .when(new ReseizeDevice(DEVICE, NOW, OFFICER, withJustification("n/a",
                            justification().necessityAndProportionality(), justification().alternativesConsidered())))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "legal.justification.lineOfEnquiry"));
        }
    }

    @Nested
    @DisplayName("ReseizeDevice")
    class Reseize {

        @Test
        void a_returned_device_taken_again_is_seizure_2_and_records_the_gap() {
            SeizureDetails again = victimPhoneWithScope(scope(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31), null));

            fixture.given(returned())
                    .when(new ReseizeDevice(DEVICE, NOW, OFFICER, again))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L)
                    .expectEvents(new DeviceSeized(DEVICE, NOW, NOW, OFFICER, DYFED_POWYS, 2,
                            new Reseizure(at(8), Duration.ofHours(40)), again, WITHIN_LIMIT));
        }

        @Test
        void a_third_seizure_counts_on_and_measures_from_the_latest_return() {
            DeviceSeized second = new DeviceSeized(DEVICE, at(10), at(10), OFFICER, DYFED_POWYS, 2,
                    new Reseizure(at(8), Duration.ofHours(2)), victimPhone(), WITHIN_LIMIT);

            fixture.given(history(returned(), second, deviceReturned(at(20))))
                    .when(reseize(NOW, OFFICER))
                    .expectEvents(new DeviceSeized(DEVICE, NOW, NOW, OFFICER, DYFED_POWYS, 3,
                            new Reseizure(at(20), Duration.ofHours(28)), victimPhone(), WITHIN_LIMIT));
        }

        @Test
        void the_device_keeps_its_force_even_when_a_colleague_reseizes_it() {
            Actor colleague = new Actor("dp-officer-7788", Set.of(Role.OFFICER), DYFED_POWYS, null);
            fixture.given(returned())
                    .when(reseize(NOW, colleague))
                    .expectEvents(new DeviceSeized(DEVICE, NOW, NOW, colleague, DYFED_POWYS, 2,
                            new Reseizure(at(8), Duration.ofHours(40)), victimPhone(), WITHIN_LIMIT));
        }

        @Test
        void a_device_still_held_cannot_be_seized_again() {
            fixture.given(seizedHistory())
                    .when(reseize(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("device-already-held"));
        }

        @Test
        void a_device_at_the_lab_cannot_be_seized_again() {
            fixture.given(examined())
                    .when(reseize(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("device-already-held"));
        }

        @Test
        void a_device_whose_agreement_was_withdrawn_is_still_held_until_returned() {
            fixture.given(withdrawn())
                    .when(reseize(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("device-already-held"));
        }

        @Test
        void a_reseizure_needs_the_full_record_too() {
            SeizureDetails blank = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT, null, fullNotice(), agreement()),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 14));

            fixture.given(returned())
                    .when(new ReseizeDevice(DEVICE, NOW, OFFICER, blank))
                    .expectNoEvents()
                    .expectException(unprocessable("incomplete-seizure-record", "legal.justification"));
        }

        @Test
        void a_reseizure_over_the_limit_needs_a_justification() {
            fixture.given(returned())
                    .when(new ReseizeDevice(DEVICE, NOW, OFFICER, victimPhoneWithScope(
                            scope(LocalDate.of(2019, 4, 1), LocalDate.of(2026, 3, 31), null))))
                    .expectNoEvents()
                    .expectException(unprocessable("date-range-exceeds-limit", "scope.longRangeJustification"));
        }

        @Test
        void a_reseizure_uses_the_devices_force_limit() {
            Period dyfedPowysLimit = Period.ofMonths(24);
            SeizureDetails eighteenMonths = victimPhoneWithScope(
                    scope(LocalDate.of(2024, 10, 1), LocalDate.of(2026, 3, 31), null));

            fixture(new CustodyPolicy(DEFAULT_LIMIT, Map.of(DYFED_POWYS, dyfedPowysLimit), SKEW))
                    .given(returned())
                    .when(new ReseizeDevice(DEVICE, NOW, OFFICER, eighteenMonths))
                    .expectEvents(new DeviceSeized(DEVICE, NOW, NOW, OFFICER, DYFED_POWYS, 2,
                            new Reseizure(at(8), Duration.ofHours(40)), eighteenMonths,
                            new ScopeReview(dyfedPowysLimit, false)));
        }

        @Test
        void download_attempts_count_again_from_1_after_a_reseizure() {
            DeviceSeized second = new DeviceSeized(DEVICE, at(10), at(10), OFFICER, DYFED_POWYS, 2,
                    new Reseizure(at(8), Duration.ofHours(2)), victimPhone(), WITHIN_LIMIT);
            List<DeviceEvent> firstLife = history(seizedHistory(), receivedAtLab(at(1)), downloadStarted(1, at(2)),
                    downloadFailed(1, at(3)), downloadStarted(2, at(4)), downloadCompleted(2, HASH, at(5)),
                    deviceReturned(at(8)));

            fixture.given(history(firstLife, second, receivedAtLab(at(11))))
                    .when(startDownload(NOW, LAB))
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 1, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void a_withdrawal_belongs_to_the_seizure_it_ended() {
            DeviceSeized second = new DeviceSeized(DEVICE, at(10), at(10), OFFICER, DYFED_POWYS, 2,
                    new Reseizure(at(8), Duration.ofHours(2)), victimPhone(), WITHIN_LIMIT);

            fixture.given(history(withdrawn(), deviceReturned(at(8)), second))
                    .when(receive(NOW, LAB))
                    .expectEvents(new DeviceReceivedAtLab(DEVICE, NOW, NOW, LAB, DFU, SEIZING_OFFICER, SEAL_OK));
        }

        @Test
        void a_reseizure_cannot_be_dated_before_the_return() {
            fixture.given(returned())
                    .when(reseize(at(8).minusSeconds(1), OFFICER))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-before-previous-step", "occurredAt"));
        }
    }

    @Nested
    @DisplayName("TransferCustody")
    class Transfer {

        @Test
        void the_seizing_officer_hands_the_device_to_the_property_store() {
            fixture.given(seizedHistory())
                    .when(transfer(NOW, OFFICER))
                    .expectResultMessagePayload(1L)
                    .expectEvents(new CustodyTransferred(DEVICE, NOW, NOW, OFFICER, SEIZING_OFFICER, PROPERTY_STORE,
                            SEAL_OK));
        }

        @Test
        void the_next_transfer_is_from_the_last_holder() {
            fixture.given(history(seizedHistory(), transferred(SEIZING_OFFICER, PROPERTY_STORE, at(1))))
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, COURIER, SEAL_OK))
                    .expectEvents(new CustodyTransferred(DEVICE, NOW, NOW, OFFICER, PROPERTY_STORE, COURIER, SEAL_OK));
        }

        @Test
        void a_broken_seal_is_recorded_not_refused() {
            SealCheck broken = new SealCheck("SEAL-001", false);
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, PROPERTY_STORE, broken))
                    .expectEvents(new CustodyTransferred(DEVICE, NOW, NOW, OFFICER, SEIZING_OFFICER, PROPERTY_STORE,
                            broken));
        }

        @Test
        void a_transfer_does_not_change_the_stage() {
            fixture.given(history(atLab(), transferred(new Holder(HolderKind.LAB, DFU.value()), COURIER, at(3))))
                    .when(startDownload(NOW, LAB))
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 1, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void the_new_holder_is_required() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, null, SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("holder-required", "to"));
        }

        @Test
        void the_new_holder_needs_a_kind_and_a_name() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, new Holder(HolderKind.COURIER, " "), SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("holder-required", "to"));
        }

        @Test
        void a_holder_without_a_kind_is_refused() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, new Holder(null, "Somebody"), SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("holder-required", "to"));
        }

        @Test
        void a_lab_books_a_device_in_with_a_lab_receipt() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, new Holder(HolderKind.LAB, DFU.value()), SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("lab-receipt-required", "to.kind"));
        }

        @Test
        void handing_back_to_the_owner_is_a_return() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, new Holder(HolderKind.OWNER, "OWNER"), SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("return-required", "to.kind"));
        }

        @Test
        void the_seal_check_is_required() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, PROPERTY_STORE, null))
                    .expectNoEvents()
                    .expectException(unprocessable("seal-check-required", "sealCheck.sealNumber"));
        }

        @Test
        void the_seal_number_must_be_read() {
            fixture.given(seizedHistory())
                    .when(new TransferCustody(DEVICE, NOW, OFFICER, PROPERTY_STORE, new SealCheck("", true)))
                    .expectNoEvents()
                    .expectException(unprocessable("seal-check-required", "sealCheck.sealNumber"));
        }
    }

    @Nested
    @DisplayName("ReceiveAtLab")
    class Receive {

        @Test
        void the_lab_books_the_device_in_from_the_seizing_officer() {
            fixture.given(seizedHistory())
                    .when(receive(NOW, LAB))
                    .expectResultMessagePayload(1L)
                    .expectEvents(new DeviceReceivedAtLab(DEVICE, NOW, NOW, LAB, DFU, SEIZING_OFFICER, SEAL_OK));
        }

        @Test
        void the_lab_books_the_device_in_from_the_last_holder() {
            fixture.given(history(seizedHistory(), transferred(SEIZING_OFFICER, COURIER, at(1))))
                    .when(receive(NOW, LAB))
                    .expectEvents(new DeviceReceivedAtLab(DEVICE, NOW, NOW, LAB, DFU, COURIER, SEAL_OK));
        }

        @Test
        void a_broken_seal_at_the_lab_is_recorded_not_refused() {
            SealCheck broken = new SealCheck("SEAL-001", false);
            fixture.given(seizedHistory())
                    .when(new ReceiveAtLab(DEVICE, NOW, LAB, DFU, broken))
                    .expectEvents(new DeviceReceivedAtLab(DEVICE, NOW, NOW, LAB, DFU, SEIZING_OFFICER, broken));
        }

        @Test
        void a_device_is_received_only_once() {
            fixture.given(atLab())
                    .when(receive(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_device_already_downloaded_cannot_be_received_again() {
            fixture.given(downloaded())
                    .when(receive(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void the_lab_is_required() {
            fixture.given(seizedHistory())
                    .when(new ReceiveAtLab(DEVICE, NOW, LAB, null, SEAL_OK))
                    .expectNoEvents()
                    .expectException(unprocessable("lab-required", "lab"));
        }

        @Test
        void the_lab_reads_the_seal() {
            fixture.given(seizedHistory())
                    .when(new ReceiveAtLab(DEVICE, NOW, LAB, DFU, null))
                    .expectNoEvents()
                    .expectException(unprocessable("seal-check-required", "sealCheck.sealNumber"));
        }

        @Test
        void the_lab_must_read_the_seal_number() {
            fixture.given(seizedHistory())
                    .when(new ReceiveAtLab(DEVICE, NOW, LAB, DFU, new SealCheck(" ", true)))
                    .expectNoEvents()
                    .expectException(unprocessable("seal-check-required", "sealCheck.sealNumber"));
        }
    }

    @Nested
    @DisplayName("StartDownload")
    class Start {

        @Test
        void the_first_download_is_attempt_1() {
            fixture.given(atLab())
                    .when(startDownload(NOW, LAB))
                    .expectResultMessagePayload(2L)
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 1, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void a_retry_after_a_failure_is_attempt_2() {
            fixture.given(downloadFailedHistory())
                    .when(startDownload(NOW, LAB))
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 2, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void a_re_download_after_completion_is_the_next_attempt() {
            fixture.given(downloaded())
                    .when(startDownload(NOW, LAB))
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 2, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void attempts_count_failures_and_completions_alike() {
            fixture.given(history(downloadFailedHistory(), downloadStarted(2, at(5)),
                            downloadCompleted(2, HASH, at(6))))
                    .when(startDownload(NOW, LAB))
                    .expectEvents(new DownloadStarted(DEVICE, NOW, NOW, LAB, 3, "UFED 7.6",
                            ExtractionType.FULL_FILE_SYSTEM));
        }

        @Test
        void a_download_needs_the_device_at_the_lab() {
            fixture.given(seizedHistory())
                    .when(startDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void only_one_download_runs_at_a_time() {
            fixture.given(downloading())
                    .when(startDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void no_download_starts_during_an_examination() {
            fixture.given(examining())
                    .when(startDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }
    }

    @Nested
    @DisplayName("CompleteDownload")
    class Complete {

        @Test
        void the_hash_is_stored_lower_case() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, HASH.toUpperCase(), SIZE))
                    .expectResultMessagePayload(3L)
                    .expectEvents(new DownloadCompleted(DEVICE, NOW, NOW, LAB, 1, HASH, SIZE));
        }

        @Test
        void the_current_attempt_after_a_failure_completes() {
            fixture.given(history(downloadFailedHistory(), downloadStarted(2, at(5))))
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 2, HASH, SIZE))
                    .expectEvents(new DownloadCompleted(DEVICE, NOW, NOW, LAB, 2, HASH, SIZE));
        }

        @Test
        void no_completion_without_a_started_download() {
            fixture.given(atLab())
                    .when(completeDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_failed_download_cannot_then_complete() {
            fixture.given(downloadFailedHistory())
                    .when(completeDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_download_completes_only_once() {
            fixture.given(downloaded())
                    .when(completeDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void an_earlier_attempt_cannot_complete() {
            fixture.given(history(downloadFailedHistory(), downloadStarted(2, at(5))))
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, HASH, SIZE))
                    .expectNoEvents()
                    .expectException(conflict("not-current-download"));
        }

        @Test
        void a_hash_of_the_wrong_length_is_refused() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, HASH.substring(1), SIZE))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-sha256", "sha256"));
        }

        @Test
        void a_hash_that_is_not_hex_is_refused() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, "z" + HASH.substring(1), SIZE))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-sha256", "sha256"));
        }

        @Test
        void a_missing_hash_is_refused() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, null, SIZE))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-sha256", "sha256"));
        }

        @Test
        void an_empty_extraction_is_refused() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, HASH, 0))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-size", "sizeBytes"));
        }

        @Test
        void a_negative_size_is_refused() {
            fixture.given(downloading())
                    .when(new CompleteDownload(DEVICE, NOW, LAB, 1, HASH, -1))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-size", "sizeBytes"));
        }
    }

    @Nested
    @DisplayName("FailDownload")
    class Fail {

        @Test
        void a_running_download_fails_with_its_reason() {
            fixture.given(downloading())
                    .when(failDownload(NOW, LAB))
                    .expectEvents(new DownloadFailed(DEVICE, NOW, NOW, LAB, 1, "Passcode lock could not be bypassed"));
        }

        @Test
        void the_failure_reason_is_required() {
            fixture.given(downloading())
                    .when(new FailDownload(DEVICE, NOW, LAB, 1, " "))
                    .expectNoEvents()
                    .expectException(unprocessable("reason-required", "reason"));
        }

        @Test
        void a_null_reason_is_refused() {
            fixture.given(downloading())
                    .when(new FailDownload(DEVICE, NOW, LAB, 1, null))
                    .expectNoEvents()
                    .expectException(unprocessable("reason-required", "reason"));
        }

        @Test
        void an_earlier_attempt_cannot_fail() {
            fixture.given(history(downloadFailedHistory(), downloadStarted(2, at(5))))
                    .when(new FailDownload(DEVICE, NOW, LAB, 1, "again"))
                    .expectNoEvents()
                    .expectException(conflict("not-current-download"));
        }

        @Test
        void no_failure_without_a_started_download() {
            fixture.given(atLab())
                    .when(failDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_completed_download_cannot_then_fail() {
            fixture.given(downloaded())
                    .when(failDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }
    }

    @Nested
    @DisplayName("VerifyDownload")
    class Verify {

        @Test
        void a_matching_re_hash_verifies_the_download() {
            fixture.given(downloaded())
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 1, HASH.toUpperCase()))
                    .expectEvents(new DownloadVerified(DEVICE, NOW, NOW, LAB, 1, HASH));
        }

        @Test
        void a_different_hash_is_a_mismatch() {
            fixture.given(downloaded())
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 1, OTHER_HASH))
                    .expectNoEvents()
                    .expectException(unprocessable("hash-mismatch", "sha256"));
        }

        @Test
        void a_re_download_is_verified_against_its_own_hash() {
            List<DeviceEvent> redownloaded = history(downloaded(), downloadStarted(2, at(5)),
                    downloadCompleted(2, OTHER_HASH, at(6)));

            fixture.given(redownloaded)
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 2, OTHER_HASH))
                    .expectEvents(new DownloadVerified(DEVICE, NOW, NOW, LAB, 2, OTHER_HASH));
        }

        @Test
        void the_hash_of_a_superseded_download_no_longer_verifies() {
            List<DeviceEvent> redownloaded = history(downloaded(), downloadStarted(2, at(5)),
                    downloadCompleted(2, OTHER_HASH, at(6)));

            fixture.given(redownloaded)
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 2, HASH))
                    .expectNoEvents()
                    .expectException(unprocessable("hash-mismatch", "sha256"));
        }

        @Test
        void an_earlier_attempt_cannot_be_verified() {
            List<DeviceEvent> redownloaded = history(downloaded(), downloadStarted(2, at(5)),
                    downloadCompleted(2, OTHER_HASH, at(6)));

            fixture.given(redownloaded)
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 1, HASH))
                    .expectNoEvents()
                    .expectException(conflict("not-current-download"));
        }

        @Test
        void an_invalid_hash_is_refused() {
            fixture.given(downloaded())
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 1, "not-a-hash"))
                    .expectNoEvents()
                    .expectException(unprocessable("invalid-sha256", "sha256"));
        }

        @Test
        void no_verification_before_the_download_completes() {
            fixture.given(downloading())
                    .when(verifyDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_download_is_verified_once() {
            fixture.given(verified())
                    .when(verifyDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_download_can_still_be_verified_once_examination_has_begun() {
            fixture.given(history(downloaded(), examinationStarted(at(5))))
                    .when(verifyDownload(NOW, LAB))
                    .expectEvents(new DownloadVerified(DEVICE, NOW, NOW, LAB, 1, HASH));
        }

        @Test
        void a_late_verification_leaves_the_examination_running() {
            fixture.given(history(downloaded(), examinationStarted(at(5)), downloadVerified(1, at(6))))
                    .when(completeExamination(NOW, LAB))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_download_verified_before_examination_is_not_verified_again_during_it() {
            fixture.given(examining())
                    .when(verifyDownload(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_late_verification_still_needs_the_matching_hash() {
            fixture.given(history(downloaded(), examinationStarted(at(5)), examinationCompleted(at(6))))
                    .when(new VerifyDownload(DEVICE, NOW, LAB, 1, OTHER_HASH))
                    .expectNoEvents()
                    .expectException(unprocessable("hash-mismatch", "sha256"));
        }
    }

    @Nested
    @DisplayName("StartExamination")
    class StartExam {

        @Test
        void an_examination_starts_from_a_completed_download() {
            fixture.given(downloaded())
                    .when(startExamination(NOW, LAB))
                    .expectEvents(new ExaminationStarted(DEVICE, NOW, NOW, LAB));
        }

        @Test
        void an_examination_starts_from_a_verified_download() {
            fixture.given(verified())
                    .when(startExamination(NOW, LAB))
                    .expectEvents(new ExaminationStarted(DEVICE, NOW, NOW, LAB));
        }

        @Test
        void no_examination_before_a_download() {
            fixture.given(atLab())
                    .when(startExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void no_examination_while_the_download_runs() {
            fixture.given(downloading())
                    .when(startExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void no_examination_of_a_failed_download() {
            fixture.given(downloadFailedHistory())
                    .when(startExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void an_examination_starts_once() {
            fixture.given(examining())
                    .when(startExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }
    }

    @Nested
    @DisplayName("CompleteExamination")
    class CompleteExam {

        @Test
        void an_examination_completes_with_its_finding() {
            fixture.given(examining())
                    .when(completeExamination(NOW, LAB))
                    .expectEvents(new ExaminationCompleted(DEVICE, NOW, NOW, LAB, false,
                            "Nothing relevant in the stated range"));
        }

        @Test
        void no_completion_without_a_start() {
            fixture.given(verified())
                    .when(completeExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void an_examination_completes_once() {
            fixture.given(examined())
                    .when(completeExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }
    }

    @Nested
    @DisplayName("IssueReplacement")
    class Issue {

        @Test
        void the_first_replacement_is_number_1() {
            fixture.given(seizedHistory())
                    .when(issueReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementIssued(DEVICE, NOW, NOW, OFFICER, 1, ReplacementKind.SWAP_OUT,
                            "Same number, data restored from backup"));
        }

        @Test
        void a_replacement_after_one_came_back_is_number_2() {
            fixture.given(history(replacementOut(), replacementReturned(1, at(2))))
                    .when(new IssueReplacement(DEVICE, NOW, OFFICER, ReplacementKind.BASIC_HANDSET, null))
                    .expectEvents(new ReplacementIssued(DEVICE, NOW, NOW, OFFICER, 2, ReplacementKind.BASIC_HANDSET,
                            null));
        }

        @Test
        void numbering_continues_across_reseizures() {
            DeviceSeized second = new DeviceSeized(DEVICE, at(10), at(10), OFFICER, DYFED_POWYS, 2,
                    new Reseizure(at(8), Duration.ofHours(2)), victimPhone(), WITHIN_LIMIT);

            fixture.given(history(replacementOut(), replacementReturned(1, at(2)), deviceReturned(at(8)), second))
                    .when(issueReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementIssued(DEVICE, NOW, NOW, OFFICER, 2, ReplacementKind.SWAP_OUT,
                            "Same number, data restored from backup"));
        }

        @Test
        void a_replacement_can_be_issued_while_the_lab_works() {
            fixture.given(downloading())
                    .when(issueReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementIssued(DEVICE, NOW, NOW, OFFICER, 1, ReplacementKind.SWAP_OUT,
                            "Same number, data restored from backup"));
        }

        @Test
        void only_one_replacement_is_out_at_a_time() {
            fixture.given(replacementOut())
                    .when(issueReplacement(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("replacement-already-issued"));
        }

        @Test
        void the_kind_is_required() {
            fixture.given(seizedHistory())
                    .when(new IssueReplacement(DEVICE, NOW, OFFICER, null, "note"))
                    .expectNoEvents()
                    .expectException(unprocessable("replacement-kind-required", "kind"));
        }
    }

    @Nested
    @DisplayName("ReturnReplacement")
    class ReturnLoan {

        @Test
        void the_owner_gives_the_replacement_back() {
            fixture.given(replacementOut())
                    .when(returnReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementReturned(DEVICE, NOW, NOW, OFFICER, 1));
        }

        @Test
        void the_replacement_comes_back_after_the_device_was_returned() {
            fixture.given(history(replacementOut(), deviceReturned(at(8))))
                    .when(returnReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementReturned(DEVICE, NOW, NOW, OFFICER, 1));
        }

        @Test
        void the_replacement_comes_back_after_agreement_was_withdrawn() {
            fixture.given(history(replacementOut(), agreementWithdrawn(at(2))))
                    .when(returnReplacement(NOW, OFFICER))
                    .expectEvents(new ReplacementReturned(DEVICE, NOW, NOW, OFFICER, 1));
        }

        @Test
        void no_replacement_is_out() {
            fixture.given(seizedHistory())
                    .when(returnReplacement(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("no-such-replacement"));
        }

        @Test
        void a_replacement_comes_back_once() {
            fixture.given(history(replacementOut(), replacementReturned(1, at(2))))
                    .when(returnReplacement(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("no-such-replacement"));
        }

        @Test
        void the_number_must_be_the_one_that_is_out() {
            fixture.given(replacementOut())
                    .when(new ReturnReplacement(DEVICE, NOW, OFFICER, 2))
                    .expectNoEvents()
                    .expectException(conflict("no-such-replacement"));
        }
    }

    @Nested
    @DisplayName("ExtendRetention")
    class Extend {

        @Test
        void a_supervisor_authorises_longer_retention() {
            fixture.given(examining())
                    .when(extendRetention(NOW, SUPERVISOR))
                    .expectEvents(new RetentionExtended(DEVICE, NOW, NOW, SUPERVISOR, RETAIN_UNTIL,
                            "Examination backlog; victim informed"));
        }

        @Test
        void an_officer_cannot() {
            fixture.given(seizedHistory())
                    .when(extendRetention(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(forbidden("supervisor-only"));
        }

        @Test
        void lab_staff_cannot() {
            fixture.given(seizedHistory())
                    .when(extendRetention(NOW, LAB))
                    .expectNoEvents()
                    .expectException(forbidden("supervisor-only"));
        }

        @Test
        void the_until_date_is_required() {
            fixture.given(seizedHistory())
                    .when(new ExtendRetention(DEVICE, NOW, SUPERVISOR, null, "Backlog"))
                    .expectNoEvents()
                    .expectException(unprocessable("retention-until-invalid", "until"));
        }

        @Test
        void the_until_date_must_be_after_the_authorisation() {
            fixture.given(seizedHistory())
                    .when(new ExtendRetention(DEVICE, NOW, SUPERVISOR, NOW, "Backlog"))
                    .expectNoEvents()
                    .expectException(unprocessable("retention-until-invalid", "until"));
        }

        @Test
        void an_until_date_in_the_past_is_refused() {
            fixture.given(seizedHistory())
                    .when(new ExtendRetention(DEVICE, NOW, SUPERVISOR, NOW.minus(Duration.ofDays(1)), "Backlog"))
                    .expectNoEvents()
                    .expectException(unprocessable("retention-until-invalid", "until"));
        }

        @Test
        void the_retention_reason_is_required() {
            fixture.given(seizedHistory())
                    .when(new ExtendRetention(DEVICE, NOW, SUPERVISOR, RETAIN_UNTIL, ""))
                    .expectNoEvents()
                    .expectException(unprocessable("reason-required", "reason"));
        }
    }

    @Nested
    @DisplayName("WithdrawAgreement")
    class Withdraw {

        @Test
        void the_person_withdraws_agreement() {
            fixture.given(downloading())
                    .when(withdrawAgreement(NOW, OFFICER))
                    .expectEvents(new AgreementWithdrawn(DEVICE, NOW, NOW, OFFICER,
                            "Victim no longer wishes to support extraction"));
        }

        @Test
        void agreement_given_on_someones_behalf_can_be_withdrawn() {
            SeizureDetails onBehalf = details(OwnerRole.VICTIM,
                    new LegalRecord(Purpose.SAFEGUARDING, LegalBasis.PCSC_S38_AGREEMENT_ON_BEHALF, justification(),
                            fullNotice(), new Agreement(AgreementGiver.PARENT_OR_GUARDIAN, SEIZED_AT, OFFICER.id())),
                    boundedScope(), new VictimCare(VictimsCodeTier.ENHANCED, 7));

            fixture.given(seized(onBehalf))
                    .when(withdrawAgreement(NOW, OFFICER))
                    .expectEvents(new AgreementWithdrawn(DEVICE, NOW, NOW, OFFICER,
                            "Victim no longer wishes to support extraction"));
        }

        @Test
        void a_PACE_seizure_has_no_agreement_to_withdraw() {
            fixture.given(seized(suspectPhoneUnderPace()))
                    .when(withdrawAgreement(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("agreement-not-applicable"));
        }

        @Test
        void a_warrant_has_no_agreement_to_withdraw() {
            SeizureDetails warrant = details(OwnerRole.SUSPECT,
                    new LegalRecord(Purpose.CRIME, LegalBasis.WARRANT, null, null, null), null, null);

            fixture.given(seized(warrant))
                    .when(withdrawAgreement(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("agreement-not-applicable"));
        }
    }

    @Nested
    @DisplayName("MarkReadyForCollection")
    class Ready {

        @Test
        void an_examined_device_is_ready_for_collection() {
            fixture.given(examined())
                    .when(markReadyForCollection(NOW, LAB))
                    .expectEvents(new DeviceReadyForCollection(DEVICE, NOW, NOW, LAB, "Collect from Carmarthen front desk"));
        }

        @Test
        void a_device_whose_agreement_was_withdrawn_is_ready_for_collection() {
            fixture.given(history(downloading(), agreementWithdrawn(at(4))))
                    .when(markReadyForCollection(NOW, OFFICER))
                    .expectEvents(new DeviceReadyForCollection(DEVICE, NOW, NOW, OFFICER, "Collect from Carmarthen front desk"));
        }

        @Test
        void a_device_is_marked_ready_once() {
            fixture.given(history(examined(), readyForCollection(at(8))))
                    .when(markReadyForCollection(NOW, OFFICER))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_device_ready_for_collection_cannot_go_back_into_the_lab_workflow() {
            fixture.given(history(downloaded(), readyForCollection(at(5))))
                    .when(startExamination(NOW, LAB))
                    .expectNoEvents()
                    .expectException(conflict("out-of-order"));
        }

        @Test
        void a_device_ready_for_collection_is_then_returned() {
            fixture.given(history(examined(), readyForCollection(at(8))))
                    .when(returnDevice(NOW, OFFICER))
                    .expectEvents(new DeviceReturned(DEVICE, NOW, NOW, OFFICER, ReturnRecipient.OWNER,
                            "Handed back at Carmarthen station"));
        }
    }

    @Nested
    @DisplayName("ReturnDevice")
    class Return {

        @Test
        void the_device_goes_back_to_its_owner_by_default() {
            fixture.given(examined())
                    .when(returnDevice(NOW, OFFICER))
                    .expectEvents(new DeviceReturned(DEVICE, NOW, NOW, OFFICER, ReturnRecipient.OWNER,
                            "Handed back at Carmarthen station"));
        }

        @Test
        void the_device_can_go_back_through_the_isva() {
            fixture.given(seizedHistory())
                    .when(new ReturnDevice(DEVICE, NOW, OFFICER, ReturnRecipient.ISVA, null))
                    .expectEvents(new DeviceReturned(DEVICE, NOW, NOW, OFFICER, ReturnRecipient.ISVA, null));
        }

        @Test
        void the_device_goes_back_after_agreement_was_withdrawn() {
            fixture.given(history(downloading(), agreementWithdrawn(at(4))))
                    .when(returnDevice(NOW, OFFICER))
                    .expectEvents(new DeviceReturned(DEVICE, NOW, NOW, OFFICER, ReturnRecipient.OWNER,
                            "Handed back at Carmarthen station"));
        }

        @Test
        void the_device_goes_back_with_a_replacement_still_out() {
            fixture.given(replacementOut())
                    .when(returnDevice(NOW, OFFICER))
                    .expectEvents(new DeviceReturned(DEVICE, NOW, NOW, OFFICER, ReturnRecipient.OWNER,
                            "Handed back at Carmarthen station"));
        }
    }

    @Nested
    @DisplayName("RecordVictimNotified")
    class Notified {

        @Test
        void an_update_reaching_the_victim_is_recorded() {
            fixture.given(atLab())
                    .when(victimNotified(NOW, OFFICER))
                    .expectEvents(new VictimNotified(DEVICE, NOW, NOW, OFFICER, NotificationChannel.VIA_ISVA,
                            Language.CY, "device-ready", "isva-note-12"));
        }

        @Test
        void an_update_can_be_recorded_after_the_return() {
            fixture.given(returned())
                    .when(victimNotified(NOW, OFFICER))
                    .expectEvents(new VictimNotified(DEVICE, NOW, NOW, OFFICER, NotificationChannel.VIA_ISVA,
                            Language.CY, "device-ready", "isva-note-12"));
        }

        @Test
        void an_update_can_be_recorded_after_agreement_was_withdrawn() {
            fixture.given(withdrawn())
                    .when(victimNotified(NOW, OFFICER))
                    .expectEvents(new VictimNotified(DEVICE, NOW, NOW, OFFICER, NotificationChannel.VIA_ISVA,
                            Language.CY, "device-ready", "isva-note-12"));
        }

        @Test
        void an_update_is_not_ordered_against_the_steps() {
            fixture.given(examined())
                    .when(victimNotified(at(1), OFFICER))
                    .expectEvents(new VictimNotified(DEVICE, at(1), NOW, OFFICER, NotificationChannel.VIA_ISVA,
                            Language.CY, "device-ready", "isva-note-12"));
        }

        @Test
        void an_update_does_not_move_the_previous_step_forward() {
            fixture.given(history(seizedHistory(), victimNotified(at(10))))
                    .when(transfer(at(5), OFFICER))
                    .expectEvents(new CustodyTransferred(DEVICE, at(5), NOW, OFFICER, SEIZING_OFFICER, PROPERTY_STORE,
                            SEAL_OK));
        }

        @Test
        void the_channel_is_required() {
            fixture.given(seizedHistory())
                    .when(new RecordVictimNotified(DEVICE, NOW, OFFICER, null, Language.EN, "device-ready", null))
                    .expectNoEvents()
                    .expectException(unprocessable("channel-required", "channel"));
        }

        @Test
        void the_update_reason_is_required() {
            fixture.given(seizedHistory())
                    .when(new RecordVictimNotified(DEVICE, NOW, OFFICER, NotificationChannel.SMS, Language.EN, " ",
                            null))
                    .expectNoEvents()
                    .expectException(unprocessable("reason-required", "reason"));
        }
    }

    // =================================================================================================================
    // Rules every step shares, over a table of all steps on an existing record
    // =================================================================================================================

    /**
     * One step, with a history in which it is allowed, the actor who normally does it and the event it produces.
     * The shared-rule tests change exactly one thing (time, force, a return, a withdrawal) so that rule is the only
     * thing wrong.
     */
    record Step(String name, List<DeviceEvent> ready, Actor actor, BiFunction<Instant, Actor, DeviceCommand> command,
                Class<? extends DeviceEvent> produces) {

        DeviceCommand at(Instant t) {
            return command.apply(t, actor);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Step RESEIZE = new Step("ReseizeDevice", returned(), OFFICER, DeviceCustodyTest::reseize,
            DeviceSeized.class);
    static final Step TRANSFER = new Step("TransferCustody", seizedHistory(), OFFICER, DeviceCustodyTest::transfer,
            CustodyTransferred.class);
    static final Step RECEIVE = new Step("ReceiveAtLab", seizedHistory(), LAB, DeviceCustodyTest::receive,
            DeviceReceivedAtLab.class);
    static final Step START_DOWNLOAD = new Step("StartDownload", atLab(), LAB, DeviceCustodyTest::startDownload,
            DownloadStarted.class);
    static final Step COMPLETE_DOWNLOAD = new Step("CompleteDownload", downloading(), LAB,
            DeviceCustodyTest::completeDownload, DownloadCompleted.class);
    static final Step FAIL_DOWNLOAD = new Step("FailDownload", downloading(), LAB, DeviceCustodyTest::failDownload,
            DownloadFailed.class);
    static final Step VERIFY_DOWNLOAD = new Step("VerifyDownload", downloaded(), LAB, DeviceCustodyTest::verifyDownload,
            DownloadVerified.class);
    static final Step START_EXAMINATION = new Step("StartExamination", downloaded(), LAB,
            DeviceCustodyTest::startExamination, ExaminationStarted.class);
    static final Step COMPLETE_EXAMINATION = new Step("CompleteExamination", examining(), LAB,
            DeviceCustodyTest::completeExamination, ExaminationCompleted.class);
    static final Step ISSUE_REPLACEMENT = new Step("IssueReplacement", seizedHistory(), OFFICER,
            DeviceCustodyTest::issueReplacement, ReplacementIssued.class);
    static final Step RETURN_REPLACEMENT = new Step("ReturnReplacement", replacementOut(), OFFICER,
            DeviceCustodyTest::returnReplacement, ReplacementReturned.class);
    static final Step EXTEND_RETENTION = new Step("ExtendRetention", seizedHistory(), SUPERVISOR,
            DeviceCustodyTest::extendRetention, RetentionExtended.class);
    static final Step WITHDRAW_AGREEMENT = new Step("WithdrawAgreement", seizedHistory(), OFFICER,
            DeviceCustodyTest::withdrawAgreement, AgreementWithdrawn.class);
    static final Step READY_FOR_COLLECTION = new Step("MarkReadyForCollection", examined(), LAB,
            DeviceCustodyTest::markReadyForCollection, DeviceReadyForCollection.class);
    static final Step RETURN_DEVICE = new Step("ReturnDevice", seizedHistory(), OFFICER,
            DeviceCustodyTest::returnDevice, DeviceReturned.class);
    static final Step VICTIM_NOTIFIED = new Step("RecordVictimNotified", seizedHistory(), OFFICER,
            DeviceCustodyTest::victimNotified, VictimNotified.class);

    /** Every command on an existing record. */
    static Stream<Step> allSteps() {
        return Stream.of(RESEIZE, TRANSFER, RECEIVE, START_DOWNLOAD, COMPLETE_DOWNLOAD, FAIL_DOWNLOAD, VERIFY_DOWNLOAD,
                START_EXAMINATION, COMPLETE_EXAMINATION, ISSUE_REPLACEMENT, RETURN_REPLACEMENT, EXTEND_RETENTION,
                WITHDRAW_AGREEMENT, READY_FOR_COLLECTION, RETURN_DEVICE, VICTIM_NOTIFIED);
    }

    /** Lifecycle steps: ordered against the step before. A victim notification is a note, not a step. */
    static Stream<Step> orderedSteps() {
        return allSteps().filter(s -> s != VICTIM_NOTIFIED);
    }

    /** Steps that need the device to be held: all but re-seizure, the replacement's return and notes. */
    static Stream<Step> stepsNeedingTheDevice() {
        return allSteps().filter(s -> s != RESEIZE && s != RETURN_REPLACEMENT && s != VICTIM_NOTIFIED);
    }

    /** After withdrawal only the device's return, telling the owner to collect it, and the replacement's return may follow. */
    static Stream<Step> stepsStoppedByWithdrawal() {
        return stepsNeedingTheDevice().filter(s -> s != RETURN_DEVICE && s != READY_FOR_COLLECTION);
    }

    static final String ALL_STEPS = "dev.custody.device.DeviceCustodyTest#allSteps";
    static final String ORDERED_STEPS = "dev.custody.device.DeviceCustodyTest#orderedSteps";
    static final String STEPS_NEEDING_THE_DEVICE = "dev.custody.device.DeviceCustodyTest#stepsNeedingTheDevice";
    static final String STEPS_STOPPED_BY_WITHDRAWAL = "dev.custody.device.DeviceCustodyTest#stepsStoppedByWithdrawal";

    @Nested
    @DisplayName("every step")
    class EveryStep {

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void is_accepted_from_its_ready_history(Step step) {
            ResultValidator<DeviceCustody> result = fixture.given(step.ready()).when(step.at(NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload((long) step.ready().size());
            expectOneEventOfType(result, step.produces());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void records_the_fixed_clock_as_recorded_at(Step step) {
            fixture.given(step.ready()).when(step.at(at(30)))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            new TypeSafeDiagnosingMatcher<DeviceEvent>() {
                                @Override
                                protected boolean matchesSafely(DeviceEvent e, Description mismatch) {
                                    mismatch.appendValue(e);
                                    return e.occurredAt().equals(at(30)) && e.recordedAt().equals(NOW)
                                            && e.actor().equals(step.actor()) && e.deviceId().equals(DEVICE);
                                }

                                @Override
                                public void describeTo(Description d) {
                                    d.appendText("occurredAt " + at(30) + ", recordedAt " + NOW + ", actor "
                                            + step.actor().id());
                                }
                            }, andNoMore())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void needs_occurred_at(Step step) {
            fixture.given(step.ready()).when(step.at(null))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-required", "occurredAt"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void refuses_occurred_at_beyond_the_clock_skew(Step step) {
            fixture.given(step.ready()).when(step.at(NOW.plus(SKEW).plusSeconds(1)))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-in-future", "occurredAt"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void accepts_occurred_at_within_the_clock_skew(Step step) {
            ResultValidator<DeviceCustody> result = fixture.given(step.ready()).when(step.at(NOW.plus(SKEW)))
                    .expectSuccessfulHandlerExecution();
            expectOneEventOfType(result, step.produces());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void is_not_found_by_another_force(Step step) {
            Actor sameRolesOtherForce = new Actor("met-" + step.actor().id(), step.actor().roles(), MET,
                    step.actor().lab());
            fixture.given(step.ready()).when(step.command().apply(NOW, sameRolesOtherForce))
                    .expectNoEvents()
                    .expectException(notFound("device-not-found"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ALL_STEPS)
        void is_not_found_by_a_user_without_a_force(Step step) {
            Actor national = new Actor("national-" + step.actor().id(), step.actor().roles(), null, null);
            fixture.given(step.ready()).when(step.command().apply(NOW, national))
                    .expectNoEvents()
                    .expectException(notFound("device-not-found"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ORDERED_STEPS)
        void may_be_dated_at_the_same_instant_as_the_previous_step(Step step) {
            ResultValidator<DeviceCustody> result = fixture.given(step.ready()).when(step.at(lastStep(step.ready())))
                    .expectSuccessfulHandlerExecution();
            expectOneEventOfType(result, step.produces());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(ORDERED_STEPS)
        void may_not_be_dated_before_the_previous_step(Step step) {
            fixture.given(step.ready()).when(step.at(lastStep(step.ready()).minusSeconds(1)))
                    .expectNoEvents()
                    .expectException(unprocessable("occurred-at-before-previous-step", "occurredAt"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(STEPS_NEEDING_THE_DEVICE)
        void is_refused_after_the_device_was_returned(Step step) {
            fixture.given(history(step.ready(), deviceReturned(at(20))))
                    .when(step.at(NOW))
                    .expectNoEvents()
                    .expectException(conflict("device-returned"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(STEPS_STOPPED_BY_WITHDRAWAL)
        void is_refused_after_agreement_was_withdrawn(Step step) {
            fixture.given(history(step.ready(), agreementWithdrawn(at(20))))
                    .when(step.at(NOW))
                    .expectNoEvents()
                    .expectException(conflict("agreement-withdrawn"));
        }
    }

    @Nested
    @DisplayName("optimistic concurrency")
    class Versioning {

        @Test
        void a_command_on_the_version_the_client_saw_succeeds_and_returns_the_new_version() {
            fixture.given(atLab())
                    .when(startDownload(NOW, LAB), Map.of(DeviceCommandTargetResolver.EXPECTED_VERSION, 1L))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void a_command_on_stale_state_is_refused() {
            fixture.given(atLab())
                    .when(startDownload(NOW, LAB), Map.of(DeviceCommandTargetResolver.EXPECTED_VERSION, 0L))
                    .expectNoEvents()
                    .expectException(ConflictingAggregateVersionException.class);
        }
    }
}
