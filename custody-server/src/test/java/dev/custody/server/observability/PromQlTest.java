package dev.custody.server.observability;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void finds_metrics_and_matched_labels_and_skips_functions_keywords_grouping_numbers_and_variables() {
        Map<String, Set<String>> found = PromQl.referenced("histogram_quantile(0.99, sum by (le, uri) "
                + "(rate(a_seconds_bucket{method=\"POST\", uri=~\"/x{1}.*\"}[$__rate_interval]))) > 1.5e3 * custody:x:rate1h "
                + "and on (rule) b_total offset 1d or vector(0) unless ignoring(x) c == bool 2");
        assertThat(found).containsOnlyKeys("a_seconds_bucket", "custody:x:rate1h", "b_total", "c");
        assertThat(found.get("a_seconds_bucket")).containsExactly("method", "uri");
        assertThat(found.get("b_total")).isEmpty();
    }

    @Test
    void a_selector_with_only_matchers_names_no_metric_and_a_bare_name_is_one() {
        assertThat(PromQl.referenced("up{job=\"custody\"} == 0")).containsOnlyKeys("up");
        assertThat(PromQl.referenced("sum(custody_devices_held)")).containsOnlyKeys("custody_devices_held");
    }

    @Test
    void reads_names_and_labels_from_a_scrape() {
        Map<String, Set<String>> exported = PromQl.exported("""
                # HELP x_total things
                # TYPE x_total counter
                x_total{application="custody",rule="A"} 0.0
                y 1.0
                """);
        assertThat(exported).containsOnlyKeys("x_total", "y");
        assertThat(exported.get("x_total")).containsExactly("application", "rule");
    }
}
