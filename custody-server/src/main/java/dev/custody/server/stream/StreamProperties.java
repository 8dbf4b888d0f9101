package dev.custody.server.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custody.stream.*}: where events and alerts go on Kafka.
 *
 * @param eventsTopic       every custody event, keyed by device id
 * @param alertsTopic       raised and resolved alerts, keyed by device id
 * @param partitions        partitions per topic when Custody creates them
 * @param replicationFactor replication factor when Custody creates them (3 in production)
 * @param sendTimeoutMillis how long a publish waits for the broker's acknowledgement before the batch is retried
 */
@ConfigurationProperties("custody.stream")
record StreamProperties(String eventsTopic, String alertsTopic, Integer partitions, Short replicationFactor,
                        Long sendTimeoutMillis) {
    StreamProperties {
        eventsTopic = eventsTopic == null ? "custody.events.v1" : eventsTopic;
        alertsTopic = alertsTopic == null ? "custody.alerts.v1" : alertsTopic;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        sendTimeoutMillis = sendTimeoutMillis == null ? 10_000L : sendTimeoutMillis;
    }
}
