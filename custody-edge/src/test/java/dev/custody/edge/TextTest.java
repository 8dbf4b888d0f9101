package dev.custody.edge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void normalisesToNfcWithNewlineLineEnds() {
        assertThat(Text.normalise("Cafe\u0301")).isEqualTo("Caf\u00e9");
        assertThat(Text.normalise("one\r\ntwo\rthree")).isEqualTo("one\ntwo\nthree");
        assertThat(Text.normalise(null)).isNull();
        String nfc = "already NFC";
        assertThat(Text.normalise(nfc)).isSameAs(nfc);
    }

    @Test
    void aLineHasNoControlCharacterAtAll() {
        assertThat(Text.refusal("Black iPhone 13 \uD83D\uDCF1 \u202Eevil", false)).isNull();
        assertThat(Text.refusal("DP\u00002026", false)).isEqualTo(Text.LINE_MESSAGE);
        assertThat(Text.refusal("SEAL\t001", false)).isEqualTo(Text.LINE_MESSAGE);
        assertThat(Text.refusal("two\nlines", false)).isEqualTo(Text.LINE_MESSAGE);
        assertThat(Text.refusal("next\u0085line", false)).isEqualTo(Text.LINE_MESSAGE);
        assertThat(Text.refusal("delete\u007F", false)).isEqualTo(Text.LINE_MESSAGE);
        assertThat(Text.refusal("separator\u2028", false)).isEqualTo(Text.LINE_MESSAGE);
    }

    @Test
    void freeTextTakesNewlinesAndTabsOnly() {
        assertThat(Text.refusal("Messages in March\n\tand April\u2028", true)).isNull();
        assertThat(Text.refusal("bell\u0007", true)).isEqualTo(Text.FREE_TEXT_MESSAGE);
        assertThat(Text.refusal("carriage\rreturn", true)).isEqualTo(Text.FREE_TEXT_MESSAGE);
    }

    @Test
    void loneSurrogatesAndNonCharactersAreMalformed() {
        assertThat(Text.refusal("x\uD800y", true)).isEqualTo(Text.MALFORMED_MESSAGE);
        assertThat(Text.refusal("x\uDC00", false)).isEqualTo(Text.MALFORMED_MESSAGE);
        assertThat(Text.refusal("end\uD83D", false)).isEqualTo(Text.MALFORMED_MESSAGE);
        assertThat(Text.refusal("\uFFFF", false)).isEqualTo(Text.MALFORMED_MESSAGE);
    }

    @Test
    void thePublishedPatternsSayTheSameAsTheCheck() {
        for (String sample : new String[]{"plain", "tab\there", "new\nline", "nul\u0000", "c1\u0085", "ok \uD83D\uDCF1",
                "sep\u2028"}) {
            assertThat(sample.matches(Text.LINE_PATTERN)).as(sample).isEqualTo(Text.refusal(sample, false) == null);
            assertThat(sample.matches(Text.FREE_TEXT_PATTERN)).as(sample)
                    .isEqualTo(Text.refusal(sample, true) == null);
        }
    }
}
