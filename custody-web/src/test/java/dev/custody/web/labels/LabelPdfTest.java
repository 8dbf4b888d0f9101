package dev.custody.web.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.custody.device.LabelCode;
import dev.custody.values.LabelFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The label, rendered as a printer would (PDFBox at 300 dpi) and read back as a scanner would (ZXing). */
class LabelPdfTest {

    private static final String CODE = LabelCode.mint();
    private static final LabelPdf.Content CONTENT = new LabelPdf.Content(CODE, "SEAL-0042", "DP/2026/1234",
            "Mobile phone", "1 December 2026", 1);

    @ParameterizedTest
    @EnumSource(LabelFormat.class)
    void the_qr_code_and_the_barcode_carry_the_code(LabelFormat format) throws Exception {
        BufferedImage page = render(LabelPdf.render(CONTENT, format));
        assertThat(decode(page, BarcodeFormat.QR_CODE)).isEqualTo(CODE);
        assertThat(decode(page, BarcodeFormat.CODE_128)).isEqualTo(CODE);
    }

    @Test
    void a_roll_label_is_62_mm_wide_and_the_sheet_is_a4() throws Exception {
        try (PDDocument roll = Loader.loadPDF(LabelPdf.render(CONTENT, LabelFormat.ROLL_62MM));
             PDDocument sheet = Loader.loadPDF(LabelPdf.render(CONTENT, LabelFormat.A4_SHEET))) {
            assertThat(roll.getPage(0).getMediaBox().getWidth() / 72 * 25.4).isCloseTo(62, org.assertj.core.data.Offset.offset(0.1));
            assertThat(sheet.getPage(0).getMediaBox().getWidth() / 72 * 25.4).isCloseTo(210, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void the_words_are_the_code_seal_case_type_and_date_and_nothing_else() throws Exception {
        String text;
        try (PDDocument roll = Loader.loadPDF(LabelPdf.render(
                new LabelPdf.Content(CODE, "SEAL-0042", "DP/2026/1234", "Mobile phone", "1 December 2026", 2),
                LabelFormat.ROLL_62MM))) {
            text = new PDFTextStripper().getText(roll);
        }
        assertThat(text).contains(LabelCode.display(CODE), "Seal SEAL-0042", "Case DP/2026/1234", "Mobile phone",
                "Seized 1 December 2026", "copy 2");
        assertThat(text.lines().filter(l -> !l.isBlank()).count()).isLessThanOrEqualTo(8);
    }

    @Test
    void a_label_has_no_place_for_a_name_or_an_offence() {
        // A bag travels through couriers and stores: what it says must not identify the person or the offence.
        assertThat(java.util.Arrays.stream(LabelPdf.Content.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName))
                .containsExactly("code", "sealNumber", "caseReference", "deviceType", "seizedOn", "copy");
    }

    @Test
    void a_long_case_reference_wraps_instead_of_being_cut_off() throws Exception {
        String longReference = "DYFED-POWYS/MAJOR-CRIME/2026/OPERATION-HEATHER/000123456789";
        String text;
        try (PDDocument roll = Loader.loadPDF(LabelPdf.render(new LabelPdf.Content(CODE, "S1", longReference,
                "Mobile phone", "1 December 2026", 1), LabelFormat.ROLL_62MM))) {
            text = new PDFTextStripper().getText(roll);
        }
        assertThat(text.replaceAll("\\s", "")).contains(("Case" + longReference).replaceAll("\\s", ""));
    }

    static BufferedImage render(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, 300, ImageType.GRAY);
        }
    }

    static String decode(BufferedImage image, BarcodeFormat format) throws NotFoundException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                DecodeHintType.TRY_HARDER, true));
        return result.getText();
    }
}
