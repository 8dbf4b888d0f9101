package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bounds every request's body, and the headers that say how to read and answer it, before anything reads them, for
 * the REST API and the web forms alike:
 * <ul>
 *   <li>an {@code Accept} header that is not a list of media types is 406 (Spring could not even choose how to
 *       answer, and would send an empty error);</li>
 *   <li>a body must name a concrete media type: none, an unreadable one or a wildcard ({@code *}{@code /*},
 *       {@code application/*}) is 415;</li>
 *   <li>a body declared larger than {@link InputLimits#maxBody()} is 413 at once, unread;</li>
 *   <li>a body of unknown length (chunked) is read through a counter that stops at the limit with
 *       {@link BodyTooLarge}, which the problem handler answers with 413: no more than the limit is ever read.
 *       Forms, which the servlet container parses itself, are held to the same limit by the container's
 *       {@code max-http-form-post-size}; a form it refused for size is 413 here.</li>
 * </ul>
 * Registered after the security filters, so a caller is authenticated first and every answer carries the security
 * headers.
 */
public class RequestBounds extends OncePerRequestFilter {

    /** Tomcat's request attribute for a parameter parse failure, and its reason (servlet API, no Tomcat types). */
    static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final long maxBytes;
    private final ProblemWriter problems;

    public RequestBounds(InputLimits limits, ProblemWriter problems) {
        this.maxBytes = limits.maxBody().toBytes();
        this.problems = problems;
    }

    /** Thrown by the body's stream once more than the limit has been read; the problem handler answers 413. */
    public static final class BodyTooLarge extends IOException {
        private final long limit;

        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }

        public Problem problem() {
            return tooLarge(limit);
        }
    }

    public static Problem tooLarge(long limit) {
        return Problem.tooLarge("payload-too-large", "The request body is larger than " + limit + " bytes", List.of());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !readable(accept)) {
            problems.write(request, response, new Problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                    "The Accept header cannot be read", List.of(new FieldError(HttpHeaders.ACCEPT,
                    "must be media types such as application/json or text/csv"))));
            return;
        }
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        MediaType type = mediaType(request.getContentType());
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()) {
            problems.write(request, response, new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "A request body must say what it is, such as Content-Type: application/json",
                    List.of(new FieldError(HttpHeaders.CONTENT_TYPE,
                            "must name the body's media type, such as application/json"))));
            return;
        }
        if (length > maxBytes) {
            problems.write(request, response, tooLarge(maxBytes));
            return;
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            request.getParameterMap();
            Object reason = request.getAttribute(PARSE_FAILED_REASON);
            if (reason != null && "POST_TOO_LARGE".equals(reason.toString())) {
                problems.write(request, response, tooLarge(maxBytes));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Bounded(request, maxBytes), response);
    }

    private static boolean readable(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static MediaType mediaType(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(value);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** The request with its body read through a counter. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;
        private BufferedReader reader;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit, so an endless body is never read further.
            int n = in.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
