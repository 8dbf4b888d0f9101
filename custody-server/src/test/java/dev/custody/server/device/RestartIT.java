package dev.custody.server.device;

import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.server.support.Api.Response;
import dev.custody.server.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events survive a restart of the server and of its database: the second server reads, from disk, what the first
 * one wrote, and carries on the device's life from there.
 */
class RestartIT {

    @TempDir
    Path dataDir;

    @Test
    void eventsSurviveARestartOfServerAndDatabase() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        String id;
        try (ConfigurableApplicationContext first = start()) {
            Api api = new Api(port(first));
            Response seized = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
            assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
            id = seized.json().get("deviceId").asText();
            assertThat(api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", Requests.labReceipt(t.plusSeconds(60))).status())
                    .isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second));
            Response history = api.get("inspector", "/api/v1/devices/" + id + "/history");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().get("events")).hasSize(2);
            assertThat(history.json().at("/events/1/type").asText()).isEqualTo("DeviceReceivedAtLab");
            // The rebuilt aggregate knows where it is: a second lab receipt is out of order, a download is not.
            assertThat(api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", Requests.labReceipt(t.plusSeconds(120))).status())
                    .isEqualTo(409);
            assertThat(api.post("lab", "/api/v1/devices/" + id + "/downloads", Requests.startDownload(t.plusSeconds(120))).status())
                    .isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CustodyApplication.class).run(
                "--server.port=0",
                "--custody.security.dev-users=true",
                "--custody.embedded-postgres.data-dir=" + dataDir.resolve("pg"),
                "--custody.embedded-postgres.durable=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
