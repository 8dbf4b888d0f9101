package dev.custody.server.stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics Custody owns, created at start-up if missing. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfig {

    @Bean
    NewTopic eventsTopic(StreamProperties properties) {
        return new NewTopic(properties.eventsTopic(), properties.partitions(), properties.replicationFactor());
    }

    @Bean
    NewTopic alertsTopic(StreamProperties properties) {
        return new NewTopic(properties.alertsTopic(), properties.partitions(), properties.replicationFactor());
    }
}
