package dev.custody.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;

/**
 * The notifier's own meters. Tags are low-cardinality only: channel, template and a reason code; never a device,
 * a reference or an address. Consumer lag comes from the Kafka client's own metrics
 * ({@code kafka_consumer_fetch_manager_records_lag_max}, client id {@code custody-notifier-*}).
 */
public final class NotifierMetrics {

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers every outcome counter at zero, so that the first failure or dead letter shows in Prometheus as an
     * increase (a series that first appears at 1 shows none, and a rate-based alert rule would miss it).
     */
    public NotifierMetrics startAtZero(Collection<String> channels, Collection<String> templates,
                                       Collection<String> consumedTopics) {
        for (String channel : channels) {
            for (String template : templates) {
                counter("custody.notifier.messages.sent", channel, template);
                counter("custody.notifier.messages.failed", channel, template);
                counter("custody.notifier.messages.retried", channel, template);
                counter("custody.notifier.messages.dead.lettered", channel, template);
            }
        }
        consumedTopics.forEach(this::parkedCounter);
        return this;
    }

    public void sent(String channel, String template) {
        counter("custody.notifier.messages.sent", channel, template).increment();
    }

    public void failed(String channel, String template) {
        counter("custody.notifier.messages.failed", channel, template).increment();
    }

    public void retried(String channel, String template) {
        counter("custody.notifier.messages.retried", channel, template).increment();
    }

    public void deadLettered(String channel, String template) {
        counter("custody.notifier.messages.dead.lettered", channel, template).increment();
    }

    /** Not sent on purpose: do-not-contact, no details, channel none, details erased, stale event. */
    public void skipped(String template, String reason) {
        Counter.builder("custody.notifier.messages.skipped").tag("template", template).tag("reason", reason)
                .register(registry).increment();
    }

    /** Records parked on the dead-letter topic by the consumer (unreadable, or failing to be handled). */
    public void recordParked(String topic) {
        parkedCounter(topic).increment();
    }

    private Counter parkedCounter(String topic) {
        return Counter.builder("custody.notifier.records.dead.lettered").tag("topic", topic).register(registry);
    }

    private Counter counter(String name, String channel, String template) {
        return Counter.builder(name).tag("channel", channel).tag("template", template).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
