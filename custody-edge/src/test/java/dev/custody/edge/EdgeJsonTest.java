package dev.custody.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeJsonTest {

    enum Colour { RED, GREEN }

    record Form(String name, Colour colour, Set<Colour> colours, List<String> notes) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(EdgeJson.module());

    @Test
    void everyStringIsReadAsNfc() throws Exception {
        Form form = json.readValue("{\"name\":\"Cafe\u0301\",\"notes\":[\"Ffo\u0302n\",\"a\\r\\nb\"]}", Form.class);
        assertThat(form.name()).isEqualTo("Caf\u00e9");
        assertThat(form.notes()).containsExactly("Ff\u00f4n", "a\nb");
    }

    @Test
    void anEnumIsReadByItsNameOnly() throws Exception {
        assertThat(json.readValue("{\"colour\":\"GREEN\",\"colours\":[\"RED\"]}", Form.class).colour())
                .isEqualTo(Colour.GREEN);
        for (String wrong : List.of("0", "\"0\"", "\"1\"", "\"green\"", "\"\"", "true", "1.5", "{}", "[\"RED\"]")) {
            assertThatThrownBy(() -> json.readValue("{\"colour\":" + wrong + "}", Form.class)).as(wrong)
                    .isInstanceOf(MismatchedInputException.class)
                    .satisfies(e -> assertThat(((MismatchedInputException) e).getTargetType()).isEqualTo(Colour.class))
                    .satisfies(e -> assertThat(((MismatchedInputException) e).getPath().get(0).getFieldName())
                            .isEqualTo("colour"));
        }
        assertThatThrownBy(() -> json.readValue("{\"colours\":[\"RED\",1]}", Form.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"colour\":\"7\"}", Form.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
