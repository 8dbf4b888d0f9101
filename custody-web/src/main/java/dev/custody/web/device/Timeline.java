package dev.custody.web.device;

import dev.custody.device.DeviceHistory.History;
import dev.custody.device.DeviceHistory.HistoryEntry;
import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.AgreementWithdrawn;
import dev.custody.events.DeviceEvent.CustodyTransferred;
import dev.custody.events.DeviceEvent.DeviceReadyForCollection;
import dev.custody.events.DeviceEvent.DeviceReceivedAtLab;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadFailed;
import dev.custody.events.DeviceEvent.DownloadStarted;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationCompleted;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.LabelPrinted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.ReplacementReturned;
import dev.custody.events.DeviceEvent.RetentionExtended;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.device.LabelCode;
import dev.custody.values.SealCheck;
import dev.custody.web.layout.Formats;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A device's history as a timeline a person reads, newest first: what happened, who told the system, when it
 * happened and when it was recorded. The audit record itself is {@code GET /api/v1/devices/{id}/history}.
 */
@Component
public class Timeline {

    /**
     * One step.
     *
     * @param title   what happened, such as "Download 1 completed"
     * @param details the step's particulars, one line each
     * @param late    whether it was recorded more than an hour after it happened
     */
    public record Step(long sequence, String title, List<String> details, String actor, Instant occurredAt,
                       Instant recordedAt, boolean late) {
    }

    private final Formats formats;

    public Timeline(Formats formats) {
        this.formats = formats;
    }

    /** The steps of a history, newest first. */
    public List<Step> of(History history) {
        return steps(history.events());
    }

    /** These steps, newest first. */
    public List<Step> steps(List<HistoryEntry> entries) {
        List<Step> steps = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            steps.add(step(entry));
        }
        steps.sort(Comparator.comparingLong(Step::sequence).reversed());
        return steps;
    }

    private Step step(HistoryEntry entry) {
        List<String> details = new ArrayList<>();
        String title = describe(entry.payload(), details);
        boolean late = entry.recordedAt().isAfter(entry.occurredAt().plusSeconds(3600));
        return new Step(entry.sequence(), title, details, entry.actor().id(), entry.occurredAt(), entry.recordedAt(),
                late);
    }

    // Java 17: no pattern matching for switch, so an instanceof chain; every event type appears once.
    private String describe(DeviceEvent event, List<String> details) {
        if (event instanceof DeviceSeized e) {
            var d = e.details();
            details.add("Case " + d.caseReference().value() + ", " + formats.words(d.ownerRole()).toLowerCase()
                    + "'s " + formats.words(d.device().type()).toLowerCase());
            details.add("Seal " + d.device().sealNumber());
            details.add("Legal basis: " + formats.words(d.legal().basis()));
            return e.seizureNumber() == 1 ? "Seized" : "Seized again (seizure " + e.seizureNumber() + ")";
        } else if (event instanceof CustodyTransferred e) {
            details.add(seal(e.sealCheck()));
            return "Handed to " + formats.words(e.to().kind()).toLowerCase() + " " + e.to().name();
        } else if (event instanceof DeviceReceivedAtLab e) {
            details.add(seal(e.sealCheck()));
            return "Received at " + e.lab().value();
        } else if (event instanceof DownloadStarted e) {
            details.add(e.tool() + ", " + formats.words(e.extractionType()).toLowerCase() + " extraction");
            return "Download " + e.attempt() + " started";
        } else if (event instanceof DownloadCompleted e) {
            details.add("SHA-256 " + e.sha256());
            details.add(formats.bytes(e.sizeBytes()));
            return "Download " + e.attempt() + " completed";
        } else if (event instanceof DownloadFailed e) {
            details.add(e.reason());
            return "Download " + e.attempt() + " failed";
        } else if (event instanceof DownloadVerified e) {
            details.add("SHA-256 matches: " + e.sha256());
            return "Download " + e.attempt() + " verified";
        } else if (event instanceof ExaminationStarted) {
            return "Examination started";
        } else if (event instanceof ExaminationCompleted e) {
            details.add(e.relevantMaterialFound() ? "Relevant material found" : "No relevant material found");
            if (e.summary() != null && !e.summary().isBlank()) {
                details.add(e.summary());
            }
            return "Examination completed";
        } else if (event instanceof ReplacementIssued e) {
            details.add(formats.words(e.kind()));
            return "Replacement " + e.replacementNumber() + " lent";
        } else if (event instanceof ReplacementReturned e) {
            return "Replacement " + e.replacementNumber() + " given back";
        } else if (event instanceof RetentionExtended e) {
            details.add(e.reason());
            return "Retention extended until " + formats.time(e.until());
        } else if (event instanceof AgreementWithdrawn e) {
            note(details, e.note());
            return "Agreement withdrawn";
        } else if (event instanceof DeviceReadyForCollection e) {
            note(details, e.note());
            return "Ready for collection";
        } else if (event instanceof DeviceReturned e) {
            note(details, e.note());
            return "Returned to " + formats.words(e.returnedTo()).toLowerCase();
        } else if (event instanceof LabelPrinted e) {
            details.add("Code " + LabelCode.display(e.code()) + ", " + formats.words(e.format()).toLowerCase());
            return e.copy() == 1 ? "Label printed" : "Label printed again (copy " + e.copy() + ")";
        } else if (event instanceof VictimNotified e) {
            details.add(e.reason());
            return "Victim told (" + formats.words(e.channel()).toLowerCase() + ")";
        }
        return formats.words(event.getClass().getSimpleName());
    }

    private String seal(SealCheck check) {
        if (check == null) {
            return "No seal check";
        }
        return "Seal " + check.sealNumber() + (check.intact() ? ", intact" : ", NOT intact");
    }

    private static void note(List<String> details, String note) {
        if (note != null && !note.isBlank()) {
            details.add(note);
        }
    }
}
