package dev.custody.device;

import dev.custody.device.DeviceHistory.History;
import dev.custody.edge.Problem;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.values.Actor;
import dev.custody.values.DeviceType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a scanned or typed label code stands for, scoped as every record is: a code of another force's device is no
 * match, exactly as an unknown or mistyped one. Read from the code register and the event store, so a label resolves
 * the moment it is printed. The REST API's {@code GET /api/v1/scan/{code}} and the pages' scan box both ask here.
 */
@Service
public class LabelLookup {

    /**
     * A label's device, with what its label shows (from the device's current seizure).
     *
     * @param code the code as printed, without the dashes a person reads
     */
    public record Label(String code, UUID deviceId, String caseReference, DeviceType deviceType, String sealNumber,
                        Instant seizedAt, int seizureNumber) {
    }

    private final LabelCodes codes;
    private final DeviceHistory histories;

    LabelLookup(LabelCodes codes, DeviceHistory histories) {
        this.codes = codes;
        this.histories = histories;
    }

    /** The device whose label carries {@code text} (read forgivingly, see {@link LabelCode#read}), if the actor sees it. */
    public Optional<Label> find(Actor actor, String text) {
        Optional<String> code = LabelCode.read(text);
        Optional<UUID> device = code.flatMap(codes::deviceFor);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        History history;
        try {
            history = histories.of(actor, device.get());
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        DeviceSeized seizure = latestSeizure(history);
        var d = seizure.details();
        return Optional.of(new Label(code.get(), device.get(), d.caseReference().value(), d.device().type(),
                d.device().sealNumber(), seizure.occurredAt(), seizure.seizureNumber()));
    }

    static DeviceSeized latestSeizure(History history) {
        List<DeviceHistory.HistoryEntry> events = history.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).payload() instanceof DeviceSeized seized) {
                return seized;
            }
        }
        throw new IllegalStateException("a custody record without a seizure: " + history.deviceId());
    }
}
