package dev.custody.web.device;

import dev.custody.device.LabelLookup;
import dev.custody.values.Actor;
import dev.custody.web.layout.PageNotFound;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * What a scanned or typed code stands for: the one place a code becomes a device on the pages. A code is a label's
 * code ({@link LabelLookup}, read forgivingly: case, spaces and dashes do not matter) or the device's id (its UUID,
 * as the API names it); a device of another force, or none, is no match either way.
 */
@Service
public class DeviceLookup {

    private final DeviceRecords records;
    private final LabelLookup labels;

    DeviceLookup(DeviceRecords records, LabelLookup labels) {
        this.records = records;
        this.labels = labels;
    }

    public Optional<UUID> find(Actor actor, String code) {
        if (code == null) {
            return Optional.empty();
        }
        Optional<UUID> labelled = labels.find(actor, code).map(LabelLookup.Label::deviceId);
        if (labelled.isPresent()) {
            return labelled;
        }
        String trimmed = code.strip();
        UUID id;
        try {
            id = UUID.fromString(trimmed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(records.load(actor, id).id());
        } catch (PageNotFound e) {
            return Optional.empty();
        }
    }
}
