package dev.custody.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client on one kept-alive connection, for one thread.
 * <p>
 * The load generator shares the machine's two cores with the server and PostgreSQL, so it must cost as little CPU
 * as possible per request: no async machinery, no header maps, no copies beyond the socket buffers. It understands
 * exactly what Tomcat sends: a status line, headers, and a body with Content-Length or chunked encoding.
 * <p>
 * A request that fails on a reused connection (the server closed it while idle) is sent once more on a new one, but
 * only a GET or a command with an Idempotency-Key, so that a resend can never store anything twice.
 */
final class MiniHttp implements Closeable {

    /** Status, the ETag header and the body text. */
    record Response(int status, String etag, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    MiniHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path, String authorization) throws IOException {
        return send("GET", path, authorization, null, null);
    }

    /**
     * @param extraHeaders already formatted lines, each ending in CRLF, or null
     */
    Response send(String method, String path, String authorization, String extraHeaders, String body) throws IOException {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (extraHeaders != null) {
            head.append(extraHeaders);
        }
        if (content != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean resendSafe = method.equals("GET") || (extraHeaders != null && extraHeaders.contains("Idempotency-Key:"));
        for (int attempt = 0; ; attempt++) {
            boolean wasReused = socket != null && reused;
            try {
                connectIfNeeded();
                out.write(headBytes);
                if (content != null) {
                    out.write(content);
                }
                out.flush();
                reused = true;
                return readResponse();
            } catch (IOException e) {
                closeQuietly();
                if (!wasReused || attempt > 0 || !resendSafe) {
                    throw e;
                }
            }
        }
    }

    private void connectIfNeeded() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            reused = false;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String etag = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "etag" -> etag = value;
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 256);
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0; size = Long.parseLong(chunkSize(readLine()), 16)) {
                copy(size, body);
                readLine();
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers are not used by the server
            }
        } else if (length > 0) {
            copy(length, body);
        } else if (length < 0 && close) {
            in.transferTo(body);
        }
        if (close) {
            closeQuietly();
        }
        return new Response(status, etag, body.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) {
        int semi = line.indexOf(';');
        return (semi < 0 ? line : line.substring(0, semi)).trim();
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        while (n > 0) {
            int read = in.read(buffer, 0, (int) Math.min(n, buffer.length));
            if (read < 0) {
                throw new EOFException("connection closed mid-body");
            }
            to.write(buffer, 0, read);
            n -= read;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is being dropped
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
