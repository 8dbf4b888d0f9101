package dev.custody.embedded;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each application context started in a JVM gets an embedded broker of its own, and none leaves its address behind.
 * spring-kafka-test's broker, left to itself, writes {@code spring.kafka.bootstrap-servers} into the JVM's system
 * properties and never removes it: every later context then took that address, skipped its own broker, and talked
 * to one that had stopped (JwtResourceServerIT spent about 30 s in timeouts).
 */
class EmbeddedKafkaLauncherIT {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void contextsOneAfterAnotherEachGetTheirOwnBrokerAndLeaveNoSystemProperty() {
        String first;
        try (ConfigurableApplicationContext context = start()) {
            first = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            assertThat(context.getEnvironment().getProperty("custody.embedded-kafka.running")).isEqualTo("true");
        }
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).as("JVM-wide broker address").isNull();
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getEnvironment().getProperty("custody.embedded-kafka.running")).isEqualTo("true");
            assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .as("the second context's broker").isNotBlank().isNotEqualTo(first);
        }
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).as("JVM-wide broker address").isNull();
    }

    private static ConfigurableApplicationContext start() {
        SpringApplication application = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE).build();
        return application.run("--custody.embedded-postgres.enabled=false", "--custody.stream.partitions=1");
    }
}
