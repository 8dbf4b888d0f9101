package dev.custody.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The deployable Custody server. Scans every module's {@code dev.custody} packages. */
@SpringBootApplication(scanBasePackages = "dev.custody")
@EnableScheduling
public class CustodyApplication {

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(CustodyApplication.class, args);
    }

    /** Axon's update checker calls out to the internet; a police system must not. */
    public static void disableAxonUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    /** All time goes through this clock, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
