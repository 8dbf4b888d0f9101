package dev.custody.web.officer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which question page asks for what, so that each error shows on the page that holds its field. */
class SeizurePageTest {

    @Test
    void anErrorShowsOnThePageThatAsksForItsField() {
        assertThat(SeizurePage.holding("caseReference")).isEqualTo(SeizurePage.DEVICE);
        assertThat(SeizurePage.holding("device.sealNumber")).isEqualTo(SeizurePage.DEVICE);
        assertThat(SeizurePage.holding("legal.basis")).isEqualTo(SeizurePage.LEGAL_BASIS);
        assertThat(SeizurePage.holding("legal")).isEqualTo(SeizurePage.LEGAL_BASIS);
        assertThat(SeizurePage.holding("legal.justification.lineOfEnquiry")).isEqualTo(SeizurePage.JUSTIFICATION);
        assertThat(SeizurePage.holding("legal.notice.elementsConfirmed")).isEqualTo(SeizurePage.NOTICE);
        assertThat(SeizurePage.holding("legal.agreement.agreedAt")).isEqualTo(SeizurePage.AGREEMENT);
        assertThat(SeizurePage.holding("timeSensitiveData[2].expiresAt")).isEqualTo(SeizurePage.AT_RISK);
        assertThat(SeizurePage.holding("contact.address")).isEqualTo(SeizurePage.CONTACT);
        assertThat(SeizurePage.holding("something no page asks")).isEqualTo(SeizurePage.DEVICE);
    }

    @Test
    void theLegalBasisPageDoesNotShowTheJustificationsErrors() {
        assertThat(SeizurePage.LEGAL_BASIS.holds("legal.justification.lineOfEnquiry")).isFalse();
        assertThat(SeizurePage.LEGAL_BASIS.holds("legal.purpose")).isTrue();
        assertThat(SeizurePage.JUSTIFICATION.holds("legal.justification.lineOfEnquiry")).isTrue();
    }

    @Test
    void aSuspectsDeviceUnderPaceSkipsTheS37PagesAndTheVictimsOnes() {
        SeizureDraft d = SeizureDraft.seizure();
        d.ownerRole = "SUSPECT";
        d.basis = "PACE_SEIZURE";
        assertThat(SeizurePage.journey(d)).containsExactly(SeizurePage.DEVICE, SeizurePage.OWNER,
                SeizurePage.LEGAL_BASIS, SeizurePage.SCOPE, SeizurePage.AT_RISK);
        assertThat(SeizurePage.LEGAL_BASIS.next(d)).contains(SeizurePage.SCOPE);
        assertThat(SeizurePage.SCOPE.previous(d)).contains(SeizurePage.LEGAL_BASIS);
    }

    @Test
    void aVictimsPhoneAsksEveryPage() {
        SeizureDraft d = SeizureAnswersTest.victimsPhone();
        assertThat(SeizurePage.journey(d)).containsExactly(SeizurePage.values());
    }
}
