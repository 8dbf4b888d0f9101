package dev.custody.server.observability;

import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Identities;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics hold every force's counts, so they are for the scraper's METRICS role alone (issue 9 §4): no other
 * role reads them, however senior, and the scraper's account reads nothing else.
 */
class MetricsAccessIT extends CustodyIT {

    private static final List<String> METRIC_PATHS = List.of("/actuator/prometheus", "/actuator/metrics",
            "/actuator/metrics/jvm.memory.used");

    @Test
    void only_the_metrics_role_reads_the_metrics() {
        String jwtScraper = Identities.user("prometheus", "METRICS", null, null);
        for (String path : METRIC_PATHS) {
            assertThat(api.get("scraper", path).status()).as("scraper " + path).isEqualTo(200);
            assertThat(api.get(jwtScraper, path).status()).as("METRICS token " + path).isEqualTo(200);
            for (String user : List.of("officer", "lab", "supervisor", "inspector", "met-officer", "admin")) {
                assertThat(api.get(user, path).status()).as(user + " " + path).isEqualTo(403);
            }
            String gwentOfficer = Identities.user("pc-m", "OFFICER", "gwent", null);
            assertThat(api.get(gwentOfficer, path).status()).as("OFFICER token " + path).isEqualTo(403);
            assertThat(api.get(null, path).status()).as("anonymous " + path).isEqualTo(401);
        }
        assertThat(api.get("scraper", "/actuator/prometheus").text()).contains("jvm_memory_used_bytes");
    }

    @Test
    void the_scraper_reads_no_custody_data() {
        assertThat(api.get("scraper", "/api/v1/devices?size=5").status()).isEqualTo(403);
        assertThat(api.get("scraper", "/api/v1/alerts").status()).isEqualTo(403);
        assertThat(api.get("scraper", "/api/v1/reports/retention").status()).isEqualTo(403);
        assertThat(api.get("scraper", "/api/v1/admin/projections").status()).isEqualTo(403);
        assertThat(api.post("scraper", "/api/v1/devices", Requests.seizeVictimPhone(now().minusSeconds(60))).status())
                .isEqualTo(403);
    }
}
