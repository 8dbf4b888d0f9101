package dev.custody.testing;

import dev.custody.values.Agreement;
import dev.custody.values.AgreementGiver;
import dev.custody.values.CaseReference;
import dev.custody.values.ContactReference;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceDescription;
import dev.custody.values.DeviceType;
import dev.custody.values.Justification;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.LegalRecord;
import dev.custody.values.NoticeElement;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.Scope;
import dev.custody.values.SeizureDetails;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.values.WrittenNotice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Seizure records for tests, built from one lawful default: a victim's phone taken on s.37 agreement with a full
 * written notice, a substantive justification, a three-month scope, dating-app data at risk and enhanced victim care.
 * A test changes only what it is about ({@code Seizures.victimPhone(t, "pc-1").role(OwnerRole.WITNESS).build()}), so
 * what the record means stays the same in every module's tests.
 */
public final class Seizures {

    private Seizures() {
    }

    /** The lawful default, seized at {@code seizedAt}; the agreement was given to {@code officer} five minutes before. */
    public static Builder victimPhone(Instant seizedAt, String officer) {
        return new Builder(seizedAt, officer);
    }

    /** A suspect's phone seized under PACE: no agreement, notice, justification, scope or victim care. */
    public static Builder suspectPhoneUnderPace(Instant seizedAt, String officer) {
        return victimPhone(seizedAt, officer).role(OwnerRole.SUSPECT).legal(paceRecord()).scope(null).care(null);
    }

    public static Justification justification() {
        return new Justification("Messages from the suspect in March 2026",
                "The messages exist only on this phone and the suspect denies sending them",
                "Screenshots were offered but cannot show deleted messages or metadata", true);
    }

    public static WrittenNotice fullNotice() {
        return new WrittenNotice("DPN-2024-03", Language.CY, EnumSet.allOf(NoticeElement.class));
    }

    public static Agreement agreement(Instant seizedAt, String officer) {
        return new Agreement(AgreementGiver.DEVICE_USER, seizedAt.minus(Duration.ofMinutes(5)), officer);
    }

    public static LegalRecord agreementRecord(Instant seizedAt, String officer) {
        return new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT, justification(), fullNotice(),
                agreement(seizedAt, officer));
    }

    public static LegalRecord paceRecord() {
        return new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null);
    }

    public static Scope scope(LocalDate from, LocalDate to, String longRangeJustification) {
        return new Scope(from, to, Set.of(DataCategory.MESSAGES, DataCategory.DATING_APPS), longRangeJustification);
    }

    /** Three months: well inside the default 12-month limit. */
    public static Scope boundedScope() {
        return scope(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), null);
    }

    public static final class Builder {

        private CaseReference caseReference = new CaseReference("DP-2026-0042");
        private DeviceDescription device = new DeviceDescription(DeviceType.MOBILE_PHONE,
                "Black iPhone 13, cracked case", "SEAL-001");
        private OwnerRole role = OwnerRole.VICTIM;
        private LegalRecord legal;
        private Scope scope = boundedScope();
        private List<TimeSensitiveData> atRisk;
        private VictimCare care = new VictimCare(VictimsCodeTier.ENHANCED, 14);
        private ContactReference contact = new ContactReference("contact-7f3a");

        private Builder(Instant seizedAt, String officer) {
            legal = agreementRecord(seizedAt, officer);
            atRisk = List.of(new TimeSensitiveData(TimeSensitiveKind.DATING_APP, "Hinge",
                    seizedAt.plus(Duration.ofDays(5))));
        }

        public Builder caseReference(String reference) {
            caseReference = reference == null ? null : new CaseReference(reference);
            return this;
        }

        public Builder device(DeviceDescription description) {
            device = description;
            return this;
        }

        public Builder role(OwnerRole ownerRole) {
            role = ownerRole;
            return this;
        }

        public Builder legal(LegalRecord record) {
            legal = record;
            return this;
        }

        public Builder scope(Scope dates) {
            scope = dates;
            return this;
        }

        public Builder atRisk(List<TimeSensitiveData> data) {
            atRisk = data;
            return this;
        }

        public Builder care(VictimCare victimCare) {
            care = victimCare;
            return this;
        }

        public Builder contact(String reference) {
            contact = reference == null ? null : new ContactReference(reference);
            return this;
        }

        public SeizureDetails build() {
            return new SeizureDetails(caseReference, device, role, legal, scope, atRisk, care, contact);
        }
    }
}
