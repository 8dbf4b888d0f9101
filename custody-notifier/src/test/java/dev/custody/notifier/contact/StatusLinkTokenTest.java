package dev.custody.notifier.contact;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLinkTokenTest {

    @Test
    void aTokenIs192RandomBitsInUrlSafeBase64WithoutPadding() {
        String token = StatusLinkToken.mint();
        assertThat(token).hasSize(StatusLinkToken.LENGTH).matches("[A-Za-z0-9_-]+");
        byte[] bits = Base64.getUrlDecoder().decode(token);
        assertThat(bits.length * 8).isEqualTo(192).isGreaterThanOrEqualTo(128);
        assertThat(StatusLinkToken.wellFormed(token)).isTrue();
    }

    @Test
    void tokensDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> tokens = new HashSet<>();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = StatusLinkToken.mint();
            tokens.add(token);
            token.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(tokens).hasSize(10_000);
        // 64 symbols, each equally likely: 320,000 draws leave none unseen unless the source is broken.
        assertThat(seen).hasSize(64);
    }

    @Test
    void theStoredFormIsTheSha256OfTheTokenNeverTheTokenItself() throws Exception {
        String token = StatusLinkToken.mint();
        byte[] hash = StatusLinkToken.hash(token);
        assertThat(hash).hasSize(32)
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes()))
                .isNotEqualTo(token.getBytes());
    }

    @Test
    void anythingElseIsNotATokenAndNeedsNoLookUp() {
        assertThat(StatusLinkToken.wellFormed(null)).isFalse();
        assertThat(StatusLinkToken.wellFormed("")).isFalse();
        assertThat(StatusLinkToken.wellFormed("a".repeat(31))).isFalse();
        assertThat(StatusLinkToken.wellFormed("a".repeat(33))).isFalse();
        assertThat(StatusLinkToken.wellFormed("a".repeat(31) + "=")).isFalse();
        assertThat(StatusLinkToken.wellFormed("a".repeat(31) + "/")).isFalse();
        assertThat(StatusLinkToken.wellFormed("' or 1=1 --aaaaaaaaaaaaaaaaaaaaa")).isFalse();
    }
}
