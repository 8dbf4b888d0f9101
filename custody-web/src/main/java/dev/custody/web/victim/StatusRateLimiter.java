package dev.custody.web.victim;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custody.notifier.StatusLinkProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often the status page answers: at most {@code per-link} requests for one link and {@code per-address} from one
 * client address in each window, counted in fixed windows that start with a key's first request. Guessing links is
 * hopeless at 192 bits anyway; the limit keeps a leaked link from being polled and the page from being used to load
 * the vault. Counters live in a Caffeine cache bounded in size, so keys made up by a client (any text can be sent as
 * a link) cannot grow memory; a link is counted by its hash, never by its token. Time comes from the injected clock.
 * In memory, per node: behind a load balancer each node counts its own share.
 */
final class StatusRateLimiter {

    /** @param retryAfter how long until the exhausted window ends; zero when allowed */
    record Decision(boolean allowed, Duration retryAfter) {
    }

    private static final class Window {
        final Instant start;
        final AtomicInteger count = new AtomicInteger();

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Cache<String, Window> windows;
    private final StatusLinkProperties.RateLimit limits;
    private final Clock clock;

    StatusRateLimiter(StatusLinkProperties.RateLimit limits, Clock clock, long maxKeys) {
        this.limits = limits;
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(limits.window().multipliedBy(2))
                .build();
    }

    /**
     * Counts one request from {@code address} for the link whose hash is {@code linkKey}; a null key (text that could
     * never be a link) counts against the address only.
     */
    Decision check(String address, String linkKey) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        wait = max(wait, count("address:" + address, limits.perAddress(), now));
        if (linkKey != null) {
            wait = max(wait, count("link:" + linkKey, limits.perLink(), now));
        }
        return new Decision(wait.isZero(), wait);
    }

    /** Zero while within the limit, else the time left in the key's window (at least a second). */
    private Duration count(String key, int limit, Instant now) {
        Window window = windows.asMap().compute(key, (k, current) ->
                current == null || !now.isBefore(current.start.plus(limits.window())) ? new Window(now) : current);
        if (window.count.incrementAndGet() <= limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, window.start.plus(limits.window()));
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** How many keys are counted now (after the cache's pending evictions). */
    long size() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
