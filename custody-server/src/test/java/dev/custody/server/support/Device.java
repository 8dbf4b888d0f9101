package dev.custody.server.support;

import dev.custody.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One device driven through the HTTP API by a test: each step must succeed, and the version it returns is kept so
 * {@link #status} can wait until the read side has caught up with it.
 */
public final class Device {

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final Api api;
    private final String id;
    private final String officer;
    private final String lab;
    private long version;
    private int downloads;
    private int replacements;

    private Device(Api api, String id, String officer, String lab, long version) {
        this.api = api;
        this.id = id;
        this.officer = officer;
        this.lab = lab;
        this.version = version;
    }

    /** Seizes a device with {@code body} (see {@link Requests}) as {@code officer}; lab steps are taken by {@code lab}. */
    public static Device seize(Api api, String officer, String lab, String body) {
        Api.Response r = api.post(officer, "/api/v1/devices", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Device(api, r.json().get("deviceId").asText(), officer, lab, r.json().get("version").asLong());
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public Device step(String user, String path, String body) {
        Api.Response r = api.post(user, "/api/v1/devices/" + id + path, body);
        assertThat(r.status()).as(path + " " + r).isEqualTo(200);
        version = r.json().get("version").asLong();
        return this;
    }

    public Device labReceipt(Instant at) {
        return step(lab, "/lab-receipt", Requests.labReceipt(at));
    }

    public Device downloadStarted(Instant at) {
        downloads++;
        return step(lab, "/downloads", Requests.startDownload(at));
    }

    public Device downloadCompleted(Instant at) {
        return step(lab, "/downloads/" + downloads + "/completion", Requests.completeDownload(at, HASH));
    }

    public Device downloadVerified(Instant at) {
        return step(lab, "/downloads/" + downloads + "/verification", Requests.hash(at, HASH));
    }

    public Device examinationStarted(Instant at) {
        return step(lab, "/examination", Requests.step(at));
    }

    public Device examinationCompleted(Instant at, boolean relevant) {
        return step(lab, "/examination/completion",
                "{\"occurredAt\":\"" + at + "\",\"relevantMaterialFound\":" + relevant + "}");
    }

    public Device replacementIssued(Instant at) {
        replacements++;
        return step(officer, "/replacements", "{\"occurredAt\":\"" + at + "\",\"kind\":\"SWAP_OUT\"}");
    }

    public Device retentionExtended(String supervisor, Instant at, Instant until) {
        return step(supervisor, "/retention-extensions",
                "{\"occurredAt\":\"" + at + "\",\"until\":\"" + until + "\",\"reason\":\"Examination backlog\"}");
    }

    public Device victimNotified(Instant at) {
        return step(officer, "/victim-notifications",
                "{\"occurredAt\":\"" + at + "\",\"channel\":\"PHONE_CALL\",\"reason\":\"update\"}");
    }

    public Device readyForCollection(Instant at) {
        return step(officer, "/ready-for-collection", Requests.step(at));
    }

    public Device returned(Instant at) {
        return step(officer, "/return", Requests.step(at));
    }

    public Device reseized(String body) {
        return step(officer, "/seizures", body);
    }

    /** The device's status once the read side has applied every step this test took. */
    public JsonNode status(String user) {
        return Await.until(Duration.ofSeconds(20), () -> api.get(user, "/api/v1/devices/" + id),
                r -> r.status() == 200 && r.json().get("version").asLong() >= version).json();
    }
}
