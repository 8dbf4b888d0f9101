package dev.custody.web.labels;

import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceHistory.HistoryEntry;
import dev.custody.device.DeviceRequests.PrintLabelRequest;
import dev.custody.device.LabelCode;
import dev.custody.edge.Problem;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.LabelPrinted;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.LabelFormat;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.form.FormErrors;
import dev.custody.web.layout.Formats;
import dev.custody.web.layout.PageNotFound;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Printing a device's label. Printing is recorded first ({@code LabelPrinted}, through {@link DeviceCommands}, with
 * the device's label code: minted for its first label), then the person is sent to the PDF of that print, so a
 * reload does not record another. The PDF of a recorded print can be fetched again: it is the same label, and the
 * history says who printed it and when.
 */
@Controller
class LabelController {

    static final String PRINT = "/devices/{id}/label";
    static final String PDF = "/devices/{id}/labels/{sequence}";

    private final DeviceRecords records;
    private final DeviceCommands commands;
    private final Formats formats;
    private final Clock clock;

    LabelController(DeviceRecords records, DeviceCommands commands, Formats formats, Clock clock) {
        this.records = records;
        this.commands = commands;
        this.formats = formats;
        this.clock = clock;
    }

    /** The print page: the code and the two kinds of paper. */
    @GetMapping(PRINT)
    String page(Actor actor, @PathVariable UUID id, Model model) {
        DeviceRecord device = records.load(actor, id);
        return show(device, FormErrors.none(), model);
    }

    @PostMapping(PRINT)
    Object print(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String format, Model model) {
        DeviceRecord device = records.load(actor, id);
        LabelFormat paper = format == null ? LabelFormat.ROLL_62MM : parse(format);
        DeviceCommands.Accepted printed;
        try {
            printed = commands.printLabel(actor, Conditions.NONE, new DeviceId(id),
                    new PrintLabelRequest(clock.instant(), paper));
        } catch (Problem refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new PageNotFound(refused.detail());
            }
            return show(records.load(actor, id), FormErrors.from(refused, java.util.Map.of()), model);
        }
        return "redirect:/devices/" + device.id() + "/labels/" + printed.version();
    }

    /** The PDF of the label recorded at {@code sequence} in the device's history. */
    @GetMapping(PDF)
    ResponseEntity<byte[]> pdf(Actor actor, @PathVariable UUID id, @PathVariable long sequence) {
        DeviceRecord device = records.load(actor, id);
        List<HistoryEntry> events = device.history().events();
        if (sequence < 0 || sequence >= events.size()
                || !(events.get((int) sequence).payload() instanceof LabelPrinted printed)) {
            throw new PageNotFound("no label was printed at " + sequence);
        }
        DeviceSeized seizure = null;
        for (int i = (int) sequence; i >= 0 && seizure == null; i--) {
            if (events.get(i).payload() instanceof DeviceSeized s) {
                seizure = s;
            }
        }
        var details = seizure.details();
        byte[] pdf = LabelPdf.render(new LabelPdf.Content(printed.code(), details.device().sealNumber(),
                details.caseReference().value(), formats.words(details.device().type()),
                formats.date(seizure.occurredAt()), printed.copy()), printed.format());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("label-" + printed.code() + (printed.copy() > 1 ? "-copy-" + printed.copy() : "")
                                + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    private String show(DeviceRecord device, FormErrors errors, Model model) {
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("code", device.view().labelCode() == null ? null
                : LabelCode.display(device.view().labelCode()));
        model.addAttribute("errors", errors);
        model.addAttribute("pageTitle", (errors.any() ? "Error: " : "") + "Print a label");
        return "labels/print";
    }

    private static LabelFormat parse(String format) {
        try {
            return LabelFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            return LabelFormat.ROLL_62MM;
        }
    }
}
