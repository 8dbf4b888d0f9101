package dev.custody.projections;

import dev.custody.projections.deadline.DeadlineProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The read side's configuration: deadline durations per force. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
class ProjectionsConfig {
}
