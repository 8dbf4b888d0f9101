package dev.custody.server.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Gets the event processors going again as soon as the database is back after an outage.
 * <p>
 * After each failure, an Axon pooled processor waits before it tries again, doubling the wait up to 60 s; the
 * growth is fixed in Axon. After an outage of a minute, the projection and the Kafka publisher would stay idle for
 * up to a minute more. So this watches the database (through the pool, as the application reaches it) and, when it
 * answers again after failing, restarts each processor that is still waiting after a failure. A restart starts
 * afresh with no wait and resumes from the stored tokens, so no event is skipped or lost.
 */
@Component
class ProcessorRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);

    private final DataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final EventSignals signals;
    private boolean databaseWasDown;

    ProcessorRecovery(DataSource dataSource, EventProcessingConfiguration processing, EventSignals signals) {
        this.dataSource = dataSource;
        this.processing = processing;
        this.signals = signals;
    }

    @Scheduled(fixedDelayString = "${custody.processing.recovery-check:PT1S}", initialDelayString = "PT5S")
    void check() {
        if (!databaseAnswers()) {
            if (!databaseWasDown) {
                log.warn("The database does not answer; event processors will be restarted when it is back");
            }
            databaseWasDown = true;
            return;
        }
        if (databaseWasDown) {
            databaseWasDown = false;
            restartProcessorsWaitingAfterAFailure();
        }
    }

    private void restartProcessorsWaitingAfterAFailure() {
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(p -> p.isRunning() && p.isError())
                .forEach(p -> {
                    log.info("The database is back: restarting event processor {}", p.getName());
                    try {
                        p.shutdownAsync().get(30, TimeUnit.SECONDS);
                        p.start();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        log.warn("Restarting event processor {} failed; it retries by itself", p.getName(), e);
                    }
                });
        signals.signal();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
