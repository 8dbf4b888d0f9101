package dev.custody.server.stream;

import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.alert.AlertOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far Kafka is behind the record: {@code custody_publisher_lag_events}, the events between the head of the event
 * store and the slowest {@code kafka-publisher} segment, and {@code custody_alerts_outbox_pending}, the alert changes
 * not yet on {@code custody.alerts.v1}. Both are read from the shared tables, so every publishing node reports the
 * same figure: take the max across nodes, not the sum.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.publisher", havingValue = "true", matchIfMissing = true)
class PublisherMetrics {

    private static final Logger log = LoggerFactory.getLogger(PublisherMetrics.class);

    private final ProjectionProgress progress;
    private final AlertOutbox outbox;
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong outboxPending = new AtomicLong();

    PublisherMetrics(MeterRegistry registry, ProjectionProgress progress, AlertOutbox outbox) {
        this.progress = progress;
        this.outbox = outbox;
        Gauge.builder("custody.publisher.lag.events", lagEvents, AtomicLong::get)
                .description("Events stored but not yet acknowledged by Kafka (slowest kafka-publisher segment)")
                .register(registry);
        Gauge.builder("custody.alerts.outbox.pending", outboxPending, AtomicLong::get)
                .description("Alert changes not yet published to Kafka")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${custody.metrics.refresh:PT15S}", initialDelayString = "PT5S")
    void refresh() {
        try {
            lagEvents.set(progress.progress(EventPublisher.PROCESSING_GROUP).lagEvents());
            outboxPending.set(outbox.backlog());
        } catch (RuntimeException e) {
            log.debug("Publisher metrics refresh failed; keeping the last values", e);
        }
    }
}
