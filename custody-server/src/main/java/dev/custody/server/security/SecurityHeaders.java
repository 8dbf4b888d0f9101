package dev.custody.server.security;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;

import java.util.List;

/**
 * The headers every response carries, besides Spring Security's defaults (nosniff, no caching, frame options).
 * Written by the security filter chain, and by {@link FirewallRejection} for requests the chain never reaches.
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images and fonts only from this server (the web pages
 *   serve GOV.UK Frontend and htmx from webjars), no inline script or style, no plugins, no framing, forms post
 *   only here. {@code data:} images are allowed for the icons stylesheets embed (Swagger UI's, GOV.UK's).</li>
 *   <li>{@code Referrer-Policy: same-origin}: device ids in URLs never reach another site.</li>
 *   <li>{@code Permissions-Policy}: no browser feature a custody screen does not use (a barcode scanner is a
 *   keyboard).</li>
 * </ul>
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /** For every filter chain: the web pages' chain adds these too. */
    public static final List<HeaderWriter> WRITERS = List.of(
            new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            new ReferrerPolicyHeaderWriter(ReferrerPolicy.SAME_ORIGIN),
            new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));

    /** For responses written outside the filter chain, which also miss Spring Security's defaults. */
    static final List<HeaderWriter> OUTSIDE_THE_CHAIN = List.of(WRITERS.get(0), WRITERS.get(1), WRITERS.get(2),
            new XContentTypeOptionsHeaderWriter(), new CacheControlHeadersWriter());

    private SecurityHeaders() {
    }
}
