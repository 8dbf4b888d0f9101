package dev.custody.notifier.contact;

import dev.custody.notifier.contact.ErasurePolicy.Holding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErasurePolicyTest {

    private final ErasurePolicy policy = new ErasurePolicy(Duration.ofDays(30));
    private final Instant registered = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void nothingIsErasedWhileADeviceIsHeld() {
        assertThat(policy.eraseAfter(List.of(new Holding(null)), registered)).isEmpty();
        assertThat(policy.eraseAfter(List.of(new Holding(Instant.parse("2026-11-02T10:00:00Z")), new Holding(null)),
                registered)).isEmpty();
    }

    @Test
    void detailsAreErasedThirtyDaysAfterTheLastReturn() {
        assertThat(policy.eraseAfter(List.of(new Holding(Instant.parse("2026-11-02T10:00:00Z")),
                new Holding(Instant.parse("2026-11-20T10:00:00Z"))), registered))
                .contains(Instant.parse("2026-12-20T10:00:00Z"));
    }

    @Test
    void detailsNeverLinkedToADeviceAreErasedThirtyDaysAfterTheirLastChange() {
        assertThat(policy.eraseAfter(List.of(), registered)).contains(Instant.parse("2026-12-01T10:00:00Z"));
    }
}
