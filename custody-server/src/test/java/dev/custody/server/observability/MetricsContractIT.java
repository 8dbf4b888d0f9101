package dev.custody.server.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus rules name only metrics and labels that the server exports: scraped as
 * the METRICS user, with every metric name and matched label parsed out of the PromQL of each dashboard query,
 * template variable and rule. The standard {@code up} series and the rule files' own recording rules are allowed by
 * name; {@code instance} and {@code job} are Prometheus's own labels.
 */
class MetricsContractIT extends CustodyIT {

    private static final Path INFRA = Path.of("..", "infra");
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Set<String> PROMETHEUS_LABELS = Set.of("instance", "job", "le");

    /** What the dashboard must show and the rules must watch (issue 12 §3), so an empty parse cannot pass. */
    private static final Set<String> DASHBOARD_MUST_SHOW = Set.of("custody_devices_held", "custody_alerts_raised_total",
            "custody_alerts_resolved_total", "custody_projection_lag_seconds_bucket", "custody_events_quarantined_total",
            "custody_notifier_messages_sent_total", "custody_notifier_messages_failed_total",
            "custody_notifier_messages_dead_lettered_total", "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket", "jvm_memory_used_bytes", "hikaricp_connections_active");
    private static final Set<String> RULES_MUST_WATCH = Set.of("custody_projection_lag_events",
            "custody_projection_lag_seconds_bucket", "custody_events_quarantined_total", "custody_alerts_raised_total",
            "custody_notifier_messages_dead_lettered_total", "custody_publisher_lag_events", "custody_health_up", "up");

    @Test
    void the_dashboard_and_the_rules_name_only_exported_metrics_and_labels() throws IOException {
        seizeVictimPhone();
        String scrape = Await.until(Duration.ofSeconds(30), () -> api.get("scraper", "/actuator/prometheus").text(),
                text -> text.contains("custody_devices_held{")
                        && text.matches("(?s).*http_server_requests_seconds_bucket\\{[^}]*method=\"POST\".*")
                        && text.matches("(?s).*custody_health_up\\{[^}]*check=\"db\"[^}]*} 1\\.0.*")
                        && text.matches("(?s).*custody_health_up\\{[^}]*check=\"readiness\"[^}]*} 1\\.0.*"));
        Map<String, Set<String>> exported = PromQl.exported(scrape);

        Map<String, Set<String>> dashboard = new TreeMap<>();
        dashboardQueries().forEach(expr -> PromQl.referenced(expr, dashboard));
        Map<String, Set<String>> rules = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();
        ruleExpressions(recorded).forEach(expr -> PromQl.referenced(expr, rules));

        assertThat(dashboard.keySet()).as("the dashboard's metrics").containsAll(DASHBOARD_MUST_SHOW);
        assertThat(rules.keySet()).as("the rules' metrics").containsAll(RULES_MUST_WATCH);
        assertThat(recorded).as("recording rules").isNotEmpty();

        Map<String, Set<String>> all = new TreeMap<>(dashboard);
        rules.forEach((name, labels) -> all.computeIfAbsent(name, n -> new TreeSet<>()).addAll(labels));
        List<String> missing = new ArrayList<>();
        all.forEach((name, labels) -> {
            if (PROMETHEUS_SERIES.contains(name)) {
                return;
            }
            if (name.contains(":")) {
                if (!recorded.contains(name)) {
                    missing.add(name + " (no recording rule of that name)");
                }
                return;
            }
            if (!exported.containsKey(name)) {
                missing.add(name);
                return;
            }
            for (String label : labels) {
                if (!PROMETHEUS_LABELS.contains(label) && !exported.get(name).contains(label)) {
                    missing.add(name + "{" + label + "}");
                }
            }
        });
        assertThat(missing).as("metrics or labels named in infra/ but not exported by the server").isEmpty();
    }

    @Test
    void counters_that_rules_watch_are_exported_at_zero_before_anything_happens() {
        String scrape = api.get("scraper", "/actuator/prometheus").text();
        // Never raised in the tests: present only because every rule and severity is registered at start.
        assertThat(scrape).containsPattern(
                "custody_alerts_raised_total\\{[^}]*rule=\"LONG_HOLD\"[^}]*severity=\"WARNING\"[^}]*} 0\\.0");
        assertThat(scrape).containsPattern(
                "custody_alerts_resolved_total\\{[^}]*resolution=\"SUPERSEDED\"[^}]*rule=\"TIME_SENSITIVE_DATA\"");
        assertThat(scrape).containsPattern(
                "custody_notifier_messages_dead_lettered_total\\{[^}]*channel=\"notify-sms\"[^}]*template=\"regular-update\"");
        assertThat(scrape).containsPattern("custody_notifier_records_dead_lettered_total\\{[^}]*topic=\"custody.alerts.v1\"");
        assertThat(scrape).contains("custody_publisher_lag_events", "custody_alerts_outbox_pending");
        assertThat(scrape).containsPattern("custody_events_quarantined_total\\{[^}]*processor=\"device-projection\"[^}]*} 0\\.0");
    }

    // ---- what infra/ names ----

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(INFRA.resolve("grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank();
                collectExpressions(dashboard.path("panels"), queries);
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    String query = variable.path("query").isTextual() ? variable.path("query").asText()
                            : variable.path("query").path("query").asText();
                    Matcher labelValues = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(query);
                    if (labelValues.matches()) {
                        queries.add(labelValues.group(1));
                    }
                }
            }
        }
        return queries;
    }

    private static void collectExpressions(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(target.get("expr").asText());
                }
            }
            collectExpressions(panel.path("panels"), into);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleExpressions(Set<String> recordingRules) throws IOException {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(INFRA.resolve("prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(file));
                for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                        expressions.add((String) rule.get("expr"));
                        if (rule.get("record") != null) {
                            recordingRules.add((String) rule.get("record"));
                        }
                    }
                }
            }
        }
        return expressions;
    }
}
