package dev.custody.web.signin;

import org.springframework.util.AntPathMatcher;

import java.util.List;

/**
 * The URL space of the pages, handled by the pages' security chain (sessions, CSRF, sign-in form). Everything else,
 * above all {@code /api/**}, stays with the stateless API chain. A new page lives under one of these prefixes, or
 * its prefix is added here.
 */
public final class WebPaths {

    public static final String SIGN_IN = "/sign-in";
    public static final String SIGN_OUT = "/sign-out";
    public static final String FORBIDDEN = "/forbidden";
    /** The victim's status page: public, stateless, with its own security chain (not one of {@link #PAGES}). */
    public static final String STATUS = "/status/**";

    /** Static assets: GOV.UK Frontend's fonts and images, the webjars, Custody's own scripts and styles, the icon. */
    static final List<String> ASSETS = List.of("/assets/**", "/webjars/**", "/ui/**", "/favicon.ico");

    /** Pages, each prefix also covering its own root ({@code /lab} and {@code /lab/...}). */
    static final List<String> PAGES = List.of("/", SIGN_IN, SIGN_OUT, FORBIDDEN, "/lab/**", "/officer/**",
            "/supervisor/**", "/inspector/**", "/admin/**", "/devices/**", "/scan/**", "/live/**", "/reports/**");

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private WebPaths() {
    }

    /** Whether a request path (without the context path) is one of the pages' or their assets'. */
    public static boolean isPage(String path) {
        if (path == null) {
            return false;
        }
        for (List<String> patterns : List.of(PAGES, ASSETS)) {
            for (String pattern : patterns) {
                if (MATCHER.match(pattern, path)) {
                    return true;
                }
            }
        }
        return false;
    }
}
