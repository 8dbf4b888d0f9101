package dev.custody.web.device;

import dev.custody.values.Actor;
import dev.custody.web.layout.PageNotFound;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * What a scanned or typed code stands for: the one place a code becomes a device. Today a code is the device's id
 * (its UUID, in any case, with or without spaces a scanner adds); a device of another force, or none, is no match.
 * Opaque label codes are resolved here too once labels carry them.
 */
@Service
public class DeviceLookup {

    private final DeviceRecords records;

    DeviceLookup(DeviceRecords records) {
        this.records = records;
    }

    public Optional<UUID> find(Actor actor, String code) {
        if (code == null) {
            return Optional.empty();
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
