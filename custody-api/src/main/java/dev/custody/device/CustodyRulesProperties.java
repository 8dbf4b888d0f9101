package dev.custody.device;

import dev.custody.values.ForceCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code custody.rules.*}: the command-side numbers a force may tune.
 *
 * @param dateRangeLimit         default longest date range without written justification (ISO period, e.g. P12M)
 * @param dateRangeLimitPerForce overrides keyed by force code
 * @param clockSkew              tolerance for clients' clocks running ahead
 * @param justification          what the s.37-39 justification texts must contain
 */
@ConfigurationProperties("custody.rules")
record CustodyRulesProperties(Period dateRangeLimit, Map<String, Period> dateRangeLimitPerForce, Duration clockSkew,
                              Justification justification) {

    /**
     * {@code custody.rules.justification.*}.
     *
     * @param minLetters   the fewest letters each text must have; default 15
     * @param placeholders texts refused however long, e.g. {@code n/a}; setting the list replaces the default one
     */
    record Justification(Integer minLetters, Set<String> placeholders) {
    }

    CustodyRulesProperties {
        dateRangeLimit = dateRangeLimit == null ? CustodyPolicy.DEFAULT.dateRangeLimit() : dateRangeLimit;
        dateRangeLimitPerForce = dateRangeLimitPerForce == null ? Map.of() : new HashMap<>(dateRangeLimitPerForce);
        clockSkew = clockSkew == null ? CustodyPolicy.DEFAULT.clockSkew() : clockSkew;
        justification = justification == null ? new Justification(null, null) : justification;
    }

    CustodyPolicy toPolicy() {
        RecordSubstance defaults = RecordSubstance.DEFAULT;
        return new CustodyPolicy(dateRangeLimit,
                dateRangeLimitPerForce.entrySet().stream()
                        .collect(Collectors.toMap(e -> new ForceCode(e.getKey()), Map.Entry::getValue)),
                clockSkew,
                new RecordSubstance(
                        justification.minLetters() == null ? defaults.minLetters() : justification.minLetters(),
                        justification.placeholders() == null ? defaults.placeholders() : justification.placeholders()));
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(CustodyRulesProperties.class)
    static class Config {
        @Bean
        CustodyPolicy custodyPolicy(CustodyRulesProperties properties) {
            return properties.toPolicy();
        }
    }
}
