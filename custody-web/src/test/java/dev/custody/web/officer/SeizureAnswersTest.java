package dev.custody.web.officer;

import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.values.AgreementGiver;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceType;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.NoticeElement;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimsCodeTier;
import dev.custody.web.form.FormErrors.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A draft's answers, as typed on the question pages, become exactly the request the REST API takes, and the
 * victim's contact details for the vault; what the typing cannot mean (a date that does not exist, a number that is
 * not one) is a problem under the field it would have filled.
 */
class SeizureAnswersTest {

    /** 1 December 2026, 12:00 in London (GMT). */
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static SeizureDraft victimsPhone() {
        SeizureDraft d = SeizureDraft.seizure();
        d.caseReference = "  DP/2026/0415 ";
        d.deviceType = "MOBILE_PHONE";
        d.description = "Samsung Galaxy A54, black";
        d.sealNumber = "SEAL-7731";
        d.ownerRole = "VICTIM";
        d.purpose = "CRIME";
        d.basis = "PCSC_S37_AGREEMENT";
        d.lineOfEnquiry = "Messages between the victim and the suspect in November";
        d.necessityAndProportionality = "The messages are the only record of the threats";
        d.alternativesConsidered = "Screenshots were offered but some messages were deleted";
        d.thirdPartyDataLikely = "yes";
        d.noticeElements = new ArrayList<>(Arrays.stream(NoticeElement.values()).map(Enum::name).toList());
        d.noticeVersion = "DPP-DPN-2024-03";
        d.noticeLanguage = "CY";
        d.agreedBy = "DEVICE_USER";
        d.agreedDay = "1";
        d.agreedMonth = "12";
        d.agreedYear = "2026";
        d.agreedTime = "9.05";
        d.fromDay = "1";
        d.fromMonth = "11";
        d.fromYear = "2026";
        d.toDay = "30";
        d.toMonth = "11";
        d.toYear = "2026";
        d.categories = new ArrayList<>(List.of("MESSAGES", "PHOTOS_AND_VIDEOS"));
        d.atRisk.add(new SeizureDraft.AtRisk("DATING_APP", "Hinge", "4", "12", "2026"));
        d.victimTier = "ENHANCED";
        d.updateEveryDays = " 14 ";
        d.contactChannel = "SMS";
        d.contactAddress = "07700 900123";
        d.contactLanguage = "cy";
        d.safeFrom = "09:00";
        d.safeUntil = "17:00";
        return d;
    }

    @Test
    void aVictimsPhoneBecomesTheRequestTheApiTakes() {
        SeizureDraft d = victimsPhone();
        SeizureAnswers answers = new SeizureAnswers(d, NOW);
        SeizeDeviceRequest r = answers.request;

        assertThat(answers.problems).isEmpty();
        assertThat(r.deviceId()).as("the id chosen with the draft, so a second send finds the first")
                .isEqualTo(d.deviceId);
        assertThat(r.occurredAt()).as("no time given: just now").isEqualTo(NOW);
        assertThat(r.caseReference()).isEqualTo("DP/2026/0415");
        assertThat(r.device().type()).isEqualTo(DeviceType.MOBILE_PHONE);
        assertThat(r.device().sealNumber()).isEqualTo("SEAL-7731");
        assertThat(r.ownerRole()).isEqualTo(OwnerRole.VICTIM);
        assertThat(r.legal().purpose()).isEqualTo(Purpose.CRIME);
        assertThat(r.legal().basis()).isEqualTo(LegalBasis.PCSC_S37_AGREEMENT);
        assertThat(r.legal().justification().thirdPartyDataLikely()).isTrue();
        assertThat(r.legal().justification().lineOfEnquiry()).startsWith("Messages between");
        assertThat(r.legal().notice().elementsConfirmed()).containsExactlyInAnyOrder(NoticeElement.values());
        assertThat(r.legal().notice().language()).isEqualTo(Language.CY);
        assertThat(r.legal().agreement().givenBy()).isEqualTo(AgreementGiver.DEVICE_USER);
        assertThat(r.legal().agreement().agreedAt()).as("UK time; 9.05 is 09:05")
                .isEqualTo(Instant.parse("2026-12-01T09:05:00Z"));
        assertThat(r.scope().from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(r.scope().to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(r.scope().categories()).containsExactly(DataCategory.MESSAGES, DataCategory.PHOTOS_AND_VIDEOS);
        assertThat(r.timeSensitiveData()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(TimeSensitiveKind.DATING_APP);
            assertThat(t.detail()).isEqualTo("Hinge");
            assertThat(t.expiresAt()).as("the start of that day in the UK")
                    .isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        });
        assertThat(r.victimCare().tier()).isEqualTo(VictimsCodeTier.ENHANCED);
        assertThat(r.victimCare().updateEveryDays()).isEqualTo(14);
        assertThat(r.contactReference()).isEqualTo(d.contactReference);

        assertThat(answers.contact.channel()).isEqualTo(ContactChannel.SMS);
        assertThat(answers.contact.address()).isEqualTo("07700 900123");
        assertThat(answers.contact.language()).isEqualTo("cy");
        assertThat(answers.contact.safeToContact()).isTrue();
        assertThat(answers.contact.safeHours().from()).isEqualTo("09:00");
        assertThat(answers.contact.safeHours().until()).isEqualTo("17:00");
    }

    @Test
    void theVictimsContactNeverEntersTheRequest() {
        SeizeDeviceRequest r = new SeizureAnswers(victimsPhone(), NOW).request;
        assertThat(r.toString()).doesNotContain("07700", "900123");
    }

    @Test
    void aSuspectsDeviceUnderPaceHasNoS37RecordNoScopeAndNoVictimsDetails() {
        SeizureDraft d = victimsPhone();
        d.ownerRole = "SUSPECT";
        d.basis = "PACE_SEIZURE";
        d.fromDay = d.fromMonth = d.fromYear = d.toDay = d.toMonth = d.toYear = null;
        d.categories = new ArrayList<>();
        SeizureAnswers answers = new SeizureAnswers(d, NOW);
        assertThat(answers.problems).isEmpty();
        assertThat(answers.request.legal().justification()).as("answers left from an earlier choice are dropped")
                .isNull();
        assertThat(answers.request.legal().notice()).isNull();
        assertThat(answers.request.legal().agreement()).isNull();
        assertThat(answers.request.scope()).isNull();
        assertThat(answers.request.victimCare()).isNull();
        assertThat(answers.request.contactReference()).isNull();
        assertThat(answers.contact).isNull();
    }

    @Test
    void aReseizureSendsNoIdOfItsOwn() {
        SeizureDraft d = SeizureDraft.reseizure(UUID.randomUUID(), 7);
        assertThat(new SeizureAnswers(d, NOW).request.deviceId()).isNull();
    }

    @Test
    void whatTheTypingCannotMeanIsAProblemUnderItsField() {
        SeizureDraft d = victimsPhone();
        d.fromDay = "31";
        d.fromMonth = "2";
        d.toYear = "";
        d.agreedTime = "quarter past nine";
        d.updateEveryDays = "four weeks";
        d.atRisk.add(new SeizureDraft.AtRisk("OTHER", null, "40", "1", "2027"));
        d.day = "1";
        d.month = "13";
        d.year = "2026";
        d.time = "10:00";
        List<FieldProblem> problems = new SeizureAnswers(d, NOW).problems;
        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("occurredAt", "scope.from",
                "scope.to", "legal.agreement.agreedAt", "timeSensitiveData[1].expiresAt", "victimCare.updateEveryDays");
        assertThat(message(problems, "scope.from")).contains("real date");
        assertThat(message(problems, "scope.to")).contains("day, month and year");
        assertThat(message(problems, "legal.agreement.agreedAt")).contains("24-hour");
    }

    private static String message(List<FieldProblem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).map(FieldProblem::message).findFirst()
                .orElseThrow();
    }
}
