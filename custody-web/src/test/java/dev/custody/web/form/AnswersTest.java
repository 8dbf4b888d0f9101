package dev.custody.web.form;

import dev.custody.values.OwnerRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswersTest {

    @Test
    void aChoiceIsAnOptionByItsNameAndAnythingElseIsNoAnswer() {
        assertThat(Answers.choice(OwnerRole.class, "VICTIM")).isEqualTo(OwnerRole.VICTIM);
        assertThat(Answers.choice(OwnerRole.class, " WITNESS ")).isEqualTo(OwnerRole.WITNESS);
        assertThat(Answers.choice(OwnerRole.class, null)).isNull();
        assertThat(Answers.choice(OwnerRole.class, "  ")).isNull();
        assertThat(Answers.choice(OwnerRole.class, "victim")).as("by name, case and all").isNull();
        assertThat(Answers.choice(OwnerRole.class, "0")).as("never by position").isNull();
        assertThat(Answers.choice(OwnerRole.class, "KING")).isNull();
    }
}
