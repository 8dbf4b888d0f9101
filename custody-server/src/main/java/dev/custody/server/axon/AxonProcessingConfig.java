package dev.custody.server.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How event processors read events and treat a failing handler.
 * <p>
 * Every streaming processor reads through {@link SignalledEventSource} (named as the processors' {@code source} in
 * application.yml), woken by {@link EventSignals} when any node commits events.
 * <p>
 * Axon's default error handling logs a failure and moves the token past the event, which would silently drop an
 * event from the Kafka stream or a read model. Here every failure propagates: the processor releases its segment,
 * backs off and retries from the same token, so a broker outage or a database hiccup delays processing but never
 * loses an event.
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfig {

    private static final String SIGNAL_REGISTERED = AxonProcessingConfig.class.getName() + ".signal";

    @Bean
    ConfigurerModule retryFailedEventsInsteadOfSkippingThem() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance()));
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
