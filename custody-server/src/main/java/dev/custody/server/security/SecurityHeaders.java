package dev.custody.server.security;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The headers every response carries, besides Spring Security's defaults (nosniff, no caching, frame options).
 * Written by the security filter chain, and by {@link FirewallRejection} for requests the chain never reaches.
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images and fonts only from this server (the web pages
 *   serve GOV.UK Frontend and htmx from webjars), no inline script or style, no plugins, no framing, forms post
 *   only here (and, on the pages, to the identity provider where signing out ends its session too: see
 *   {@link #writers(Collection)}). {@code data:} images are allowed for the icons stylesheets embed (Swagger UI's, GOV.UK's).</li>
 *   <li>{@code Referrer-Policy: same-origin}: device ids in URLs never reach another site.</li>
 *   <li>{@code Permissions-Policy}: no browser feature a custody screen does not use (a barcode scanner is a
 *   keyboard).</li>
 * </ul>
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

    public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /** For every filter chain: the web pages' chain adds these too. */
    public static final List<HeaderWriter> WRITERS = List.of(
            new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            new ReferrerPolicyHeaderWriter(ReferrerPolicy.SAME_ORIGIN),
            new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));

    /**
     * The policy, letting forms lead to {@code formOrigins} as well as here. Browsers apply {@code form-action} to
     * the redirects that follow a form's submission, so signing out (a form) cannot reach an identity provider's
     * end-session endpoint unless its origin is named.
     */
    public static String contentSecurityPolicy(Collection<String> formOrigins) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action " + String.join(" ", Stream.concat(Stream.of("'self'"), formOrigins.stream()).toList())
                + "; frame-ancestors 'none'";
    }

    /** {@link #WRITERS}, with forms allowed to lead to {@code formOrigins} too. */
    public static List<HeaderWriter> writers(Collection<String> formOrigins) {
        return formOrigins.isEmpty() ? WRITERS : List.of(
                new StaticHeadersWriter("Content-Security-Policy", contentSecurityPolicy(formOrigins)),
                WRITERS.get(1), WRITERS.get(2));
    }

    /** For responses written outside the filter chain, which also miss Spring Security's defaults. */
    static final List<HeaderWriter> OUTSIDE_THE_CHAIN = List.of(WRITERS.get(0), WRITERS.get(1), WRITERS.get(2),
            new XContentTypeOptionsHeaderWriter(), new CacheControlHeadersWriter());

    private SecurityHeaders() {
    }
}
