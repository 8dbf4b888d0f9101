package dev.custody.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code custody.input.*}: the configurable bounds of what a request may carry (the fixed sizes are {@link Bounds}).
 *
 * @param earliest      no time or date a caller sends may be earlier (default 2000-01-01T00:00:00Z)
 * @param ahead         how far past the server clock a time that has happened may be, for fast client clocks
 *                      (default PT5M; the custody rules' own, smaller {@code custody.rules.clock-skew} is then a 422)
 * @param yearsAhead    how many years ahead a planned time may be: a retention end, an expiry, a query's range
 *                      (default 10)
 * @param zone          where "today" is, for dates (default Europe/London)
 * @param maxBody       the largest request body, answered with 413 (default 128KB, so that the largest request the
 *                      field bounds allow, about 66KB in three-byte characters, fits: see {@code EventSizeTest})
 * @param maxEventBytes the largest serialised command a step may store, below Kafka's default 1 MB
 *                      {@code max.request.size} and {@code message.max.bytes} (default 256KB)
 */
@ConfigurationProperties("custody.input")
public record InputLimits(Instant earliest, Duration ahead, Integer yearsAhead, ZoneId zone, DataSize maxBody,
                          DataSize maxEventBytes) {

    public static final InputLimits DEFAULT = new InputLimits(null, null, null, null, null, null);

    public InputLimits {
        earliest = earliest == null ? Instant.parse("2000-01-01T00:00:00Z") : earliest;
        ahead = ahead == null ? Duration.ofMinutes(5) : ahead;
        yearsAhead = yearsAhead == null ? 10 : yearsAhead;
        zone = zone == null ? ZoneId.of("Europe/London") : zone;
        maxBody = maxBody == null ? DataSize.ofKilobytes(128) : maxBody;
        maxEventBytes = maxEventBytes == null ? DataSize.ofKilobytes(256) : maxEventBytes;
        if (ahead.isNegative() || yearsAhead < 0 || maxBody.toBytes() < 1024 || maxEventBytes.toBytes() < 1024) {
            throw new IllegalArgumentException("custody.input: ahead and years-ahead must not be negative, "
                    + "max-body and max-event-bytes must be at least 1KB");
        }
        if (maxEventBytes.toBytes() >= 1_000_000) {
            throw new IllegalArgumentException("custody.input.max-event-bytes must stay below Kafka's default "
                    + "1 MB message size (max.request.size, message.max.bytes)");
        }
    }
}
