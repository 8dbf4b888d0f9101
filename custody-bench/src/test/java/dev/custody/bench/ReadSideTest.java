package dev.custody.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadSideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void caughtUpOnlyWhenEveryProcessorReachedItsHead() throws Exception {
        assertThat(ReadSide.caughtUp(JSON.readTree("[{\"name\":\"a\",\"position\":10,\"head\":10},"
                + "{\"name\":\"b\",\"position\":12,\"head\":10}]"))).isTrue();
        assertThat(ReadSide.caughtUp(JSON.readTree("{\"processors\":[{\"position\":9,\"head\":10}]}"))).isFalse();
        assertThat(ReadSide.caughtUp(JSON.readTree("[]"))).as("nothing listed is not caught up").isFalse();
        assertThat(ReadSide.caughtUp(JSON.readTree("[{\"state\":\"REBUILDING\",\"caughtUp\":true}]"))).isFalse();
        assertThat(ReadSide.caughtUp(JSON.readTree("[{\"state\":\"LIVE\",\"caughtUp\":false}]"))).isFalse();
        assertThat(ReadSide.caughtUp(JSON.readTree("[{\"state\":\"LIVE\",\"caughtUp\":true,\"head\":5,"
                + "\"segments\":[{\"position\":5}]}]"))).isTrue();
    }
}
