package dev.custody.web.victim;

import dev.custody.notifier.StatusLinkProperties.RateLimit;
import dev.custody.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final StatusRateLimiter limiter = new StatusRateLimiter(new RateLimit(Duration.ofMinutes(1), 3, 5), clock,
            1000);

    @Test
    void oneLinkIsAnsweredPerLinkTimesAWindowThenToldWhenToComeBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check("10.0.0.1", "link-a").allowed()).isTrue();
        }
        clock.advance(Duration.ofSeconds(20));
        StatusRateLimiter.Decision refused = limiter.check("10.0.0.2", "link-a");
        assertThat(refused.allowed()).as("the link's limit holds from any address").isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(limiter.check("10.0.0.2", "link-b").allowed()).as("other links are not held up").isTrue();

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.check("10.0.0.1", "link-a").allowed()).as("a new window").isTrue();
    }

    @Test
    void oneAddressIsAnsweredPerAddressTimesAWindowWhateverTheLinks() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.check("10.0.0.9", "guess-" + i).allowed()).isTrue();
        }
        StatusRateLimiter.Decision refused = limiter.check("10.0.0.9", "guess-5");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.check("10.0.0.10", "guess-5").allowed()).as("another address").isTrue();
    }

    @Test
    void textThatIsNoLinkCountsAgainstItsAddressOnly() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.check("10.0.0.11", null).allowed()).isTrue();
        }
        assertThat(limiter.check("10.0.0.11", null).allowed()).as("the address's limit").isFalse();
        assertThat(limiter.check("10.0.0.12", null).allowed()).as("no shared key for malformed links").isTrue();
        assertThat(limiter.size()).as("two addresses, no link").isEqualTo(2);
    }

    @Test
    void madeUpKeysCannotGrowMemoryPastTheBound() {
        StatusRateLimiter small = new StatusRateLimiter(new RateLimit(Duration.ofMinutes(1), 3, 1_000_000), clock, 100);
        for (int i = 0; i < 10_000; i++) {
            small.check("10.0.0.1", "guess-" + i);
        }
        assertThat(small.size()).isLessThanOrEqualTo(200);
    }
}
