package dev.custody.projections.queue;

import dev.custody.queries.ExpectedReturn;
import dev.custody.values.CustodyStage;
import dev.custody.values.DeviceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedReturnEstimatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final DeviceId DEVICE = DeviceId.of("4bfb1336-c47d-4b3a-90b2-4b939887711c");

    @Test
    void an_examined_device_at_a_lab_without_history_gets_no_estimate_rather_than_an_unknown_median() {
        assertThat(ExpectedReturnEstimator.afterExamination(DEVICE, CustodyStage.EXAMINED, NOW.minusSeconds(3600),
                null, NOW)).isEmpty();
    }

    @Test
    void an_examined_device_gets_what_remains_of_the_labs_median_in_words() {
        Optional<ExpectedReturn> estimate = ExpectedReturnEstimator.afterExamination(DEVICE, CustodyStage.EXAMINED,
                NOW.minusSeconds(86_400), new double[]{3.0, 6.0}, NOW);
        assertThat(estimate).get().satisfies(e -> {
            assertThat(e.likely()).isEqualTo(LocalDate.of(2026, 12, 3));
            assertThat(e.earliest()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(e.latest()).isEqualTo(LocalDate.of(2026, 12, 6));
            assertThat(e.basis()).isEqualTo("examination complete; the lab's recent devices went back a median "
                    + "3.0 days after examination").doesNotContain("unknown");
        });
    }

    @Test
    void a_device_ready_for_collection_is_due_now_whatever_the_history() {
        assertThat(ExpectedReturnEstimator.afterExamination(DEVICE, CustodyStage.READY_FOR_COLLECTION, null, null,
                NOW)).get().satisfies(e -> {
            assertThat(e.likely()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(e.basis()).isEqualTo("ready for collection now");
        });
    }
}
