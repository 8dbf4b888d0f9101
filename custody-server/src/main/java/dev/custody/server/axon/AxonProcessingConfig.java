package dev.custody.server.axon;

import dev.custody.processing.Quarantine;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * How event processors read events and treat a failing handler.
 * <p>
 * Every streaming processor reads through {@link SignalledEventSource} (named as the processors' {@code source} in
 * application.yml), woken by {@link EventSignals} when any node commits events.
 * <p>
 * Axon's default error handling logs a failure and moves the token past the event, which would silently drop an
 * event from the Kafka stream or a read model. Here a handler's failure fails its batch, and {@link EventQuarantine}
 * decides: a transient fault (database or broker away) propagates, so the processor releases its segment, backs off
 * and retries from the same token for as long as the fault lasts; any other failure is taken apart event by event,
 * and an event that keeps failing is quarantined while every other device carries on. No event is silently lost.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventQuarantine.Settings.class)
public class AxonProcessingConfig {

    private static final String SIGNAL_REGISTERED = AxonProcessingConfig.class.getName() + ".signal";

    @Bean
    EventQuarantine eventQuarantine(Quarantine quarantine, EventQuarantine.Settings settings, JdbcTemplate jdbc,
                                    ObjectProvider<EventProcessingConfiguration> processing,
                                    ObjectProvider<TokenStore> tokenStore,
                                    ObjectProvider<TransactionManager> transactions,
                                    ObjectProvider<EventStore> eventStore) {
        return new EventQuarantine(quarantine, settings, jdbc, processing, tokenStore, transactions, eventStore);
    }

    /**
     * A pooled processor's segment stores its token after each batch it handles, but a segment that only skips
     * other segments' events stores its position only when it extends its claim (Axon's default: every 5 s). Until
     * then {@code ProjectionProgress} sees that segment behind the head, so the alert engine, which raises alerts
     * only on a caught-up projection, and the admin page's lag would wait up to 5 s after an idle spell. Every
     * {@code claim-extension} (default 0.5 s) an idle segment now writes its token: a one-row update per segment.
     */
    @Bean
    ConfigurerModule storeSkippedPositionsPromptly(
            @Value("${custody.processing.claim-extension:PT0.5S}") Duration claimExtension) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(
                        (config, builder) -> builder.claimExtensionThreshold(claimExtension.toMillis())));
    }

    @Bean
    ConfigurerModule quarantineEventsThatKeepFailing(ObjectProvider<EventQuarantine> quarantine) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> quarantine.getObject().errorHandler())
                .registerDefaultHandlerInterceptor((c, name) -> quarantine.getObject().gate(name)));
    }

    @Bean
    SignalledEventSource signalledEventSource(EventStorageEngine storage, EventStore eventStore, EventSignals signals,
                                              @Value("${custody.events.read-batch:1000}") int batchSize) {
        // This node's own commits wake its processors at once, without waiting for the NOTIFY round trip.
        eventStore.registerDispatchInterceptor(messages -> {
            CurrentUnitOfWork.ifStarted(uow -> uow.root().getOrComputeResource(SIGNAL_REGISTERED, key -> {
                uow.root().afterCommit(u -> signals.signal());
                return Boolean.TRUE;
            }));
            return (index, message) -> message;
        });
        return new SignalledEventSource(storage, eventStore, signals, batchSize);
    }
}
