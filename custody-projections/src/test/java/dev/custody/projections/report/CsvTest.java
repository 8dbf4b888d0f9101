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

    @Test
    void a_leading_tab_or_carriage_return_is_defused_too() {
        // Spreadsheets strip a leading TAB or CR and then run what follows as a formula.
        assertThat(new Csv().row("x", "\t=1+1", "\r=HYPERLINK(\"http://evil\")", "+1", "@SUM(A1)").toString())
                .isEqualTo("x,'\t=1+1,\"'\r=HYPERLINK(\"\"http://evil\"\")\",'+1,'@SUM(A1)\r\n");
    }

    @Test
    void line_breaks_inside_a_cell_are_quoted_and_rows_end_in_crlf() {
        assertThat(new Csv().row("id", "two\nlines").row("next", "").toString())
                .isEqualTo("id,\"two\nlines\"\r\nnext,\r\n");
    }
}
