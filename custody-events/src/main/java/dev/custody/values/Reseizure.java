package dev.custody.values;

import java.time.Duration;
import java.time.Instant;

/**
 * Marks a seizure of a device that had already been returned, as when a victim's phone is asked for again.
 *
 * @param previousReturnAt when the device was last returned
 * @param sinceReturn      how long after that return it was taken again
 */
public record Reseizure(Instant previousReturnAt, Duration sinceReturn) {
}
