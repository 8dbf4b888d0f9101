package dev.custody.device;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabelCodeTest {

    @Test
    void a_minted_code_is_eleven_characters_of_the_alphabet_and_reads_back_as_itself() {
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            String code = LabelCode.mint(random);
            assertThat(code).hasSize(LabelCode.LENGTH).matches("[0-9A-HJKMNP-TV-Y]{11}");
            assertThat(LabelCode.read(code)).contains(code);
        }
    }

    @Test
    void codes_are_drawn_at_random_not_counted() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(LabelCode.mint());
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void every_single_wrong_character_is_caught() {
        String code = LabelCode.mint(new Random(2));
        for (int position = 0; position < LabelCode.LENGTH; position++) {
            for (char c : LabelCode.ALPHABET.toCharArray()) {
                if (c == code.charAt(position)) {
                    continue;
                }
                String typo = code.substring(0, position) + c + code.substring(position + 1);
                assertThat(LabelCode.read(typo)).as(typo).isEmpty();
            }
        }
    }

    @Test
    void every_swap_of_two_different_characters_is_caught() {
        Random random = new Random(3);
        for (int n = 0; n < 200; n++) {
            String code = LabelCode.mint(random);
            for (int i = 0; i < LabelCode.LENGTH; i++) {
                for (int j = i + 1; j < LabelCode.LENGTH; j++) {
                    if (code.charAt(i) == code.charAt(j)) {
                        continue;
                    }
                    char[] swapped = code.toCharArray();
                    swapped[i] = code.charAt(j);
                    swapped[j] = code.charAt(i);
                    assertThat(LabelCode.read(new String(swapped))).as(new String(swapped)).isEmpty();
                }
            }
        }
    }

    @Test
    void reading_forgives_case_spaces_dashes_and_look_alike_letters() {
        String code = "0123456789" + LabelCode.checkCharacter("0123456789");
        assertThat(LabelCode.read(" o123-4567-89" + code.charAt(10) + " ")).contains(code);
        assertThat(LabelCode.read("OI23 4567 89" + code.charAt(10))).contains(code);
        assertThat(LabelCode.read("0l23456789" + code.charAt(10))).contains(code);
        assertThat(LabelCode.display(code)).isEqualTo("0123-4567-89" + code.charAt(10));
    }

    @Test
    void text_that_is_no_code_reads_as_none() {
        assertThat(LabelCode.read(null)).isEmpty();
        assertThat(LabelCode.read("")).isEmpty();
        assertThat(LabelCode.read("4bfb1336-c47d-4b3a-90b2-4b939887711c")).isEmpty();
        assertThat(LabelCode.read("ABCDEFGHJKU")).isEmpty();
        assertThat(LabelCode.read("ABCDEFGHJK")).isEmpty();
    }
}
