package dev.custody.server.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts a test context on the JVM's PostgreSQL and Kafka containers ({@link Containers}) when the build runs with
 * {@code -Ptestcontainers} ({@value Containers#SWITCH}) and the context opts in with {@value #OPT_IN}{@code =true}, as
 * {@link CustodyIT}'s does. Contexts a test starts itself never opt in: they would share the database and broker
 * with the cached shared context, and most of them stop or restart their own servers.
 * <p>
 * An environment post-processor, because that is where the embedded launchers (custody-embedded) decide: a configured
 * {@code spring.datasource.url} and {@code spring.kafka.bootstrap-servers} switch them off. A
 * {@code @DynamicPropertySource} comes too late for that: it is applied after the environment is prepared, by when the
 * embedded servers would have started. Registered in the tests' {@code META-INF/spring.factories}.
 */
public class ContainerServers implements EnvironmentPostProcessor, Ordered {

    public static final String OPT_IN = "custody.it.shared-servers";

    /** Before the embedded launchers ({@code ConfigDataEnvironmentPostProcessor.ORDER + 1} and {@code + 2}). */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Containers.switchedOn() || !environment.getProperty(OPT_IN, Boolean.class, false)) {
            return;
        }
        environment.getPropertySources().addFirst(
                new MapPropertySource("testContainers", Containers.sharedServerProperties()));
    }
}
