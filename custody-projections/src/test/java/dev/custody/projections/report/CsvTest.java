package dev.custody.projections.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotes_what_needs_quoting_and_defuses_formulas() {
        String csv = new Csv().row("a,b", "say \"hi\"", 1.5, null, "=SUM(A1)", "-3 days").toString();
        assertThat(csv).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",1.5,,'=SUM(A1),'-3 days\r\n");
    }

    @Test
    void numbers_stay_numbers_even_when_negative() {
        assertThat(new Csv().row(-2, -0.5).toString()).isEqualTo("-2,-0.5\r\n");
    }
}
