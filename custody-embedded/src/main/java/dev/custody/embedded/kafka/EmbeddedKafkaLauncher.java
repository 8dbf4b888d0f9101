package dev.custody.embedded.kafka;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.StringUtils;

import java.util.Map;

/**
 * Starts a real single-node KRaft Kafka broker in-process ({@link LocalKafka}) when no
 * {@code spring.kafka.bootstrap-servers} is configured, so the system runs on a fresh clone with only a JDK.
 * Configuring bootstrap servers switches it off, as does {@code custody.embedded-kafka.enabled=false}. Only on the
 * classpath of the dev launcher and the tests, never of the production server.
 */
public class EmbeddedKafkaLauncher implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.kafka.bootstrap-servers"))
                || !environment.getProperty("custody.embedded-kafka.enabled", Boolean.class, true)) {
            return;
        }
        EmbeddedKafkaKraftBroker broker = LocalKafka.start(
                environment.getProperty("custody.stream.partitions", Integer.class, 6));
        // The broker's address goes into this context's environment only, never into a JVM-wide system property.
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedKafka", Map.of(
                "spring.kafka.bootstrap-servers", broker.getBrokersAsString(),
                "custody.embedded-kafka.running", "true")));
        // Stopped as the context's first-registered disposable bean, so after everything that uses it has stopped
        // (processors, pools, producers), not at the close event, before them.
        application.addInitializers(context -> ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedKafkaShutdown", () -> LocalKafka.stop(broker)));
    }
}
