package dev.custody.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against a scripted server: Content-Length and chunked bodies on one kept-alive connection. */
class MiniHttpTest {

    @Test
    void readsLengthAndChunkedBodiesOnOneConnection() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    requests.add(readRequest(in));
                    out.write(("HTTP/1.1 201 Created\r\nETag: \"0\"\r\nContent-Length: 13\r\n\r\n{\"version\":0}")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    requests.add(readRequest(in));
                    out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\n{\"ver\r\n8\r\nsion\":7}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            try (MiniHttp http = new MiniHttp("localhost", server.getLocalPort())) {
                MiniHttp.Response first = http.send("POST", "/a", MiniHttp.basic("u", "p"),
                        "Idempotency-Key: k\r\n", "{\"x\":1}");
                MiniHttp.Response second = http.get("/b", null);
                assertThat(first.status()).isEqualTo(201);
                assertThat(first.etag()).isEqualTo("\"0\"");
                assertThat(first.body()).isEqualTo("{\"version\":0}");
                assertThat(second.status()).isEqualTo(200);
                assertThat(second.body()).isEqualTo("{\"version\":7}");
            }
            t.join();
        }
        assertThat(requests.get(0)).startsWith("POST /a HTTP/1.1").contains("Authorization: Basic dTpw")
                .contains("Idempotency-Key: k").contains("Content-Length: 7").endsWith("{\"x\":1}");
        assertThat(requests.get(1)).startsWith("GET /b HTTP/1.1");
    }

    private static String readRequest(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int at = text.indexOf("Content-Length: ");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
            text += new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return text;
    }
}
