package dev.custody.notifier.app;

import dev.custody.notifier.channel.Channels;
import dev.custody.notifier.NotifierMetrics;
import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.StatusLinkProperties;
import dev.custody.notifier.sendlog.SendLog;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.template.TemplateRenderer;
import dev.custody.notifier.template.TemplateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The notifier's shared pieces: properties (its own and the status links'), templates (checked at start-up) and
 * meters.
 */
@Configuration(proxyBeanMethods = false)
@NotifierRole
@EnableConfigurationProperties({NotifierProperties.class, StatusLinkProperties.class})
public class NotifierConfiguration {

    @Bean
    TemplateRenderer notifierTemplates(NotifierProperties properties) {
        String directory = properties.templates().directory();
        return new TemplateRenderer(new TemplateStore(directory == null || directory.isBlank() ? null : Path.of(directory)));
    }

    @Bean
    NotifierMetrics notifierMetrics(ObjectProvider<MeterRegistry> registry, SendLog sendLog, Clock clock,
                                    @Value("${custody.stream.events-topic:custody.events.v1}") String eventsTopic,
                                    @Value("${custody.stream.alerts-topic:custody.alerts.v1}") String alertsTopic) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("custody.notifier.held.oldest.age", sendLog,
                        log -> log.oldestHeldSince().map(since -> (double) Duration.between(since, clock.instant())
                                .toSeconds()).orElse(0.0))
                .description("How long the longest-held message has waited for the person's safe hours")
                .baseUnit("seconds")
                .register(meters);
        return new NotifierMetrics(meters).startAtZero(Channels.NAMES,
                Arrays.stream(Template.values()).map(Template::fileName).toList(), List.of(eventsTopic, alertsTopic));
    }
}
