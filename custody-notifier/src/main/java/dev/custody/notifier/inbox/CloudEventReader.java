package dev.custody.notifier.inbox;

import dev.custody.wire.CustodyRecords;
import dev.custody.wire.UnreadableMessage;
import dev.custody.wire.WireMessage;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a record of either topic with the contract's own reader ({@link CustodyRecords}, the code the server writes
 * them with). A record that is not a CloudEvent of the contract is a {@link PoisonRecord}: parked at once, never
 * retried. A type from a newer producer is {@link WireMessage.Unknown}, which the notifier skips.
 */
public final class CloudEventReader {

    public WireMessage read(Headers headers, String value) {
        try {
            return CustodyRecords.read(headers, value);
        } catch (UnreadableMessage e) {
            throw new PoisonRecord(e.getMessage(), e);
        }
    }
}
