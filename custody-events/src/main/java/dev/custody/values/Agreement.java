package dev.custody.values;

import java.time.Instant;

/**
 * The recorded agreement to extraction.
 *
 * @param givenBy    who agreed
 * @param agreedAt   when they agreed
 * @param recordedBy the authenticated officer who recorded it
 */
public record Agreement(AgreementGiver givenBy, Instant agreedAt, String recordedBy) {
}
