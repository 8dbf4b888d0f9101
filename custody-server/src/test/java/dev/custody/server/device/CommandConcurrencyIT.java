package dev.custody.server.device;

import dev.custody.server.support.Api.Response;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Parallel;
import dev.custody.server.support.Problems;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.custody.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that meet on one device: without {@code If-Match} the server settles the race itself and no caller sees a
 * conflict it did not cause; with {@code If-Match} a stale version is the caller's 409, on every command.
 */
class CommandConcurrencyIT extends CustodyIT {

    private static final int PARALLEL = 50;

    @Test
    void fiftyParallelCommandsOnOneDeviceWithoutIfMatchAllSucceed() throws Exception {
        String id = seizeVictimPhone();
        Instant at = now().minusSeconds(60);
        List<Response> responses = Parallel.run(PARALLEL, i -> api.post("officer",
                "/api/v1/devices/" + id + "/victim-notifications", update(at, "update " + i)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(responses).extracting(r -> r.json().get("version").asLong())
                .as("each command was judged on the state the one before it left")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, PARALLEL).mapToObj(Long::valueOf).toList());
        assertThat(history(id)).hasSize(PARALLEL + 1);
    }

    @Test
    void parallelCommandsWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
        String id = seizeVictimPhone();
        Instant at = now().minusSeconds(60);
        List<Response> responses = Parallel.run(8, i -> api.post("officer",
                "/api/v1/devices/" + id + "/victim-notifications", update(at, "update " + i), Map.of("If-Match", "\"0\"")));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertProblem(r, 409, "concurrent-modification"));
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void ifMatchIsHonouredOnAVictimNotification() {
        String id = seizeVictimPhone();
        String path = "/api/v1/devices/" + id + "/victim-notifications";
        Response first = api.post("officer", path, update(now().minusSeconds(60), "first"), Map.of("If-Match", "\"0\""));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Response stale = api.post("officer", path, update(now().minusSeconds(50), "second"), Map.of("If-Match", "\"0\""));
        assertProblem(stale, 409, "concurrent-modification");
        assertThat(history(id)).hasSize(2);
    }

    @Test
    void aMalformedIfMatchIsRefusedOnEveryCommand() {
        String id = seizeVictimPhone();
        Response response = api.post("officer", "/api/v1/devices/" + id + "/victim-notifications",
                update(now().minusSeconds(60), "x"), Map.of("If-Match", "\"yesterday\""));
        assertProblem(response, 422, "invalid-if-match");
        assertThat(Problems.fields(response)).containsExactly("If-Match");
        assertThat(history(id)).hasSize(1);
    }

    private static String update(Instant at, String reason) {
        return "{\"occurredAt\":\"" + at + "\",\"channel\":\"PHONE_CALL\",\"language\":\"EN\",\"reason\":\"" + reason + "\"}";
    }
}
