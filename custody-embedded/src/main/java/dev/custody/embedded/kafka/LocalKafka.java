package dev.custody.embedded.kafka;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Single-node KRaft brokers (spring-kafka-test's, on Kafka's own test kit) that leave no trace in the JVM.
 * <p>
 * By default spring-kafka-test publishes a broker's address in the JVM-wide system property
 * {@code spring.kafka.bootstrap-servers} and never removes it, so every Spring context started later in the same
 * JVM connects to that broker, long after it has stopped, and skips the embedded broker of its own. Every broker of
 * the dev launcher and the tests is made here, without that property.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    /**
     * A broker not yet started: set broker properties (a fixed {@code listeners} port, say), then call
     * {@link #start(EmbeddedKafkaKraftBroker)}. Topics are never created automatically.
     */
    public static EmbeddedKafkaKraftBroker create(int partitions, String... topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, topics);
        broker.brokerListProperty(null);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        return broker;
    }

    /** Starts a broker made by {@link #create}. */
    public static EmbeddedKafkaKraftBroker start(EmbeddedKafkaKraftBroker broker) {
        broker.afterPropertiesSet();
        // Set unconditionally by spring-kafka-test; nothing of ours reads it, and it must not outlive the broker.
        System.clearProperty("spring.embedded.kafka.brokers");
        return broker;
    }

    public static EmbeddedKafkaKraftBroker start(int partitions, String... topics) {
        return start(create(partitions, topics));
    }

    /** Stops the broker; quietly if it already stopped. */
    public static void stop(EmbeddedKafkaKraftBroker broker) {
        try {
            broker.destroy();
        } catch (RuntimeException ignored) {
            // already stopped
        }
    }
}
