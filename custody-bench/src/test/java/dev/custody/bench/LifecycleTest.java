package dev.custody.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void walksADeviceFromSeizureToReturnWithValidJsonAndTheVersionAsIfMatch() throws Exception {
        for (int seed = 0; seed < 50; seed++) {
            Lifecycle lifecycle = new Lifecycle(new SplittableRandom(seed), seed);
            List<Lifecycle.Kind> kinds = new ArrayList<>();
            long version = 0;
            while (!lifecycle.done()) {
                Lifecycle.Step step = lifecycle.next();
                JSON.readTree(step.body());
                kinds.add(step.kind());
                String body = step.kind() == Lifecycle.Kind.SEIZE
                        ? "{\"deviceId\":\"4bfb1336-c47d-4b3a-90b2-4b939887711c\",\"version\":0}"
                        : "{\"deviceId\":\"4bfb1336-c47d-4b3a-90b2-4b939887711c\",\"version\":" + (++version) + "}";
                lifecycle.accepted(step, new MiniHttp.Response(200, null, body));
                assertThat(lifecycle.version()).isEqualTo(version);
                if (step.kind() != Lifecycle.Kind.SEIZE) {
                    assertThat(step.path()).startsWith("/api/v1/devices/4bfb1336-c47d-4b3a-90b2-4b939887711c/");
                }
            }
            assertThat(kinds.get(0)).isEqualTo(Lifecycle.Kind.SEIZE);
            assertThat(kinds).contains(Lifecycle.Kind.RETURN, Lifecycle.Kind.COMPLETE_EXAMINATION);
            assertThat(kinds.indexOf(Lifecycle.Kind.COMPLETE_DOWNLOAD)).isLessThan(kinds.indexOf(Lifecycle.Kind.VERIFY_DOWNLOAD));
        }
    }

    @Test
    void readsTopLevelFieldsOfACommandResult() {
        String body = "{\"deviceId\":\"abc\",\"version\":12}";
        assertThat(Lifecycle.field(body, "deviceId")).isEqualTo("abc");
        assertThat(Lifecycle.field(body, "version")).isEqualTo("12");
    }
}
