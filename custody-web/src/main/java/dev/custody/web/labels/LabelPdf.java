package dev.custody.web.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import dev.custody.device.LabelCode;
import dev.custody.values.LabelFormat;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An evidence label as a PDF: the device's label code as a QR code and a Code 128 barcode (ZXing), and in words the
 * code, the seal number, the case reference, the device type and the seizure date. Nothing else: no name, nothing
 * about the offence, so a label on a bag on a desk tells a passer-by nothing.
 * <p>
 * Sized for a 62 mm continuous label roll (62 × 50 mm), or the same label at the top of an A4 sheet inside a dashed
 * cutting line. The codes are drawn as vector shapes, not pictures, so they print sharp on any printer.
 */
public final class LabelPdf {

    /**
     * What the label says.
     *
     * @param code       the label code ({@link LabelCode}), without dashes
     * @param deviceType the device type in words
     * @param seizedOn   the seizure date in words
     * @param copy       1 for the device's first label; a reprint says which copy it is
     */
    public record Content(String code, String sealNumber, String caseReference, String deviceType, String seizedOn,
                          int copy) {
    }

    private static final float MM = 72f / 25.4f;
    /** The label itself: the printable width of a 62 mm roll, and tall enough for both codes. */
    static final float WIDTH = 62 * MM;
    static final float HEIGHT = 50 * MM;
    private static final float MARGIN = 3 * MM;
    private static final float QR = 24 * MM;
    private static final float BARCODE_HEIGHT = 10 * MM;

    private LabelPdf() {
    }

    public static byte[] render(Content content, LabelFormat format) {
        Rectangle page = format == LabelFormat.A4_SHEET ? PageSize.A4 : new Rectangle(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(page, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle("Evidence label " + LabelCode.display(content.code()));
        document.addCreator("Custody");
        document.open();
        PdfContentByte canvas = writer.getDirectContent();
        float left = 0;
        float bottom = 0;
        if (format == LabelFormat.A4_SHEET) {
            left = 20 * MM;
            bottom = page.getHeight() - 20 * MM - HEIGHT;
            cuttingLine(canvas, left, bottom);
            text(canvas, font(false), 9, left, bottom - 6 * MM,
                    "Cut along the dashed line and stick the label on the evidence bag.");
        }
        draw(canvas, content, left, bottom);
        document.close();
        return out.toByteArray();
    }

    private static void draw(PdfContentByte canvas, Content content, float left, float bottom) {
        BaseFont regular = font(false);
        BaseFont bold = font(true);
        BaseFont mono = mono();
        float top = bottom + HEIGHT - MARGIN;

        // QR code, top left; its quiet zone is the label's margin.
        modules(canvas, qr(content.code()), left + MARGIN, top - QR, QR, QR);

        // The words, to the right of the QR code.
        float x = left + MARGIN + QR + 2 * MM;
        float width = left + WIDTH - MARGIN - x;
        float y = top - 3.2f * MM;
        y = line(canvas, regular, 6.5f, x, y, width, "CUSTODY EVIDENCE LABEL");
        y = line(canvas, mono, 9.5f, x, y - 0.6f * MM, width, LabelCode.display(content.code()));
        y = line(canvas, bold, 8, x, y - 0.4f * MM, width, "Seal " + content.sealNumber());
        y = line(canvas, regular, 7.5f, x, y, width, "Case " + content.caseReference());
        y = line(canvas, regular, 7.5f, x, y, width, content.deviceType());
        line(canvas, regular, 7.5f, x, y, width, "Seized " + content.seizedOn());

        // Code 128 along the bottom, the code in words beneath it.
        float barBottom = bottom + MARGIN + 3.5f * MM;
        modules(canvas, code128(content.code()), left + MARGIN, barBottom, WIDTH - 2 * MARGIN, BARCODE_HEIGHT);
        centred(canvas, mono, 8, left + WIDTH / 2, bottom + MARGIN + 0.5f * MM, content.code()
                + (content.copy() > 1 ? "   copy " + content.copy() : ""));
    }

    /** Each dark module of a ZXing matrix as a filled rectangle, scaled to fit the box. */
    private static void modules(PdfContentByte canvas, BitMatrix matrix, float x, float y, float w, float h) {
        float mw = w / matrix.getWidth();
        float mh = h / matrix.getHeight();
        canvas.setColorFill(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            int col = 0;
            while (col < matrix.getWidth()) {
                if (!matrix.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < matrix.getWidth() && matrix.get(col, row)) {
                    col++;
                }
                // One rectangle per run of dark modules: fewer shapes, and no hairline gaps between them.
                canvas.rectangle(x + start * mw, y + h - (row + 1) * mh, (col - start) * mw, mh);
            }
        }
        canvas.fill();
    }

    /** The QR code with no quiet zone of its own (the label's margin is one) and medium error correction. */
    static BitMatrix qr(String code) {
        try {
            return new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalStateException("cannot encode a QR code for " + code, e);
        }
    }

    /** The Code 128 barcode with ten modules of quiet zone on each side, one row high (drawn as tall bars). */
    static BitMatrix code128(String code) {
        return new Code128Writer().encode(code, BarcodeFormat.CODE_128, 0, 1, Map.of(EncodeHintType.MARGIN, 10));
    }

    private static void cuttingLine(PdfContentByte canvas, float left, float bottom) {
        canvas.saveState();
        canvas.setLineWidth(0.5f);
        canvas.setLineDash(3, 3, 0);
        canvas.setColorStroke(Color.GRAY);
        canvas.rectangle(left, bottom, WIDTH, HEIGHT);
        canvas.stroke();
        canvas.restoreState();
    }

    /**
     * Writes one line, shrinking the font until it fits the width and wrapping at spaces when even the smallest does
     * not: a long case reference is never cut off.
     *
     * @return the baseline for the next line
     */
    private static float line(PdfContentByte canvas, BaseFont font, float size, float x, float y, float width,
                              String text) {
        float fitted = size;
        while (fitted > 5.5f && font.getWidthPoint(text, fitted) > width) {
            fitted -= 0.5f;
        }
        for (String part : wrap(font, fitted, width, text)) {
            text(canvas, font, fitted, x, y, part);
            y -= fitted * 1.25f;
        }
        return y;
    }

    static List<String> wrap(BaseFont font, float size, float width, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (font.getWidthPoint(candidate, size) <= width || current.isEmpty()) {
                current = new StringBuilder(candidate);
            } else {
                lines.add(current.toString());
                current = new StringBuilder(word);
            }
        }
        lines.add(current.toString());
        // A single word wider than the line (a long reference without spaces) is split by characters.
        List<String> fitted = new ArrayList<>();
        for (String l : lines) {
            String rest = l;
            while (font.getWidthPoint(rest, size) > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && font.getWidthPoint(rest.substring(0, n), size) > width) {
                    n--;
                }
                fitted.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            fitted.add(rest);
        }
        return fitted;
    }

    private static void text(PdfContentByte canvas, BaseFont font, float size, float x, float y, String text) {
        canvas.beginText();
        canvas.setFontAndSize(font, size);
        canvas.setColorFill(Color.BLACK);
        canvas.showTextAligned(PdfContentByte.ALIGN_LEFT, text, x, y, 0);
        canvas.endText();
    }

    private static void centred(PdfContentByte canvas, BaseFont font, float size, float x, float y, String text) {
        canvas.beginText();
        canvas.setFontAndSize(font, size);
        canvas.setColorFill(Color.BLACK);
        canvas.showTextAligned(PdfContentByte.ALIGN_CENTER, text, x, y, 0);
        canvas.endText();
    }

    private static BaseFont font(boolean bold) {
        return standard(bold ? BaseFont.HELVETICA_BOLD : BaseFont.HELVETICA);
    }

    private static BaseFont mono() {
        return standard(BaseFont.COURIER_BOLD);
    }

    /** One of the PDF standard fonts, which every reader has: nothing is embedded. */
    private static BaseFont standard(String name) {
        try {
            return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new IllegalStateException("the standard font " + name + " is missing", e);
        }
    }
}
