package dev.custody.server.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How event processors treat a failing handler.
 * <p>
 * Axon's default logs the failure and moves the token past the event, which would silently drop an event from the
 * Kafka stream or a read model. Here every failure propagates: the processor releases its segment, backs off and
 * retries from the same token, so a broker outage or a database hiccup delays processing but never loses an event.
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfig {

    @Bean
    ConfigurerModule retryFailedEventsInsteadOfSkippingThem() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
