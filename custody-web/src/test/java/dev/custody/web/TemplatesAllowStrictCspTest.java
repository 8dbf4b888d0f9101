package dev.custody.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' Content-Security-Policy allows scripts and styles from this server's files only. A template with an
 * inline script, an inline event handler, an inline style or a {@code javascript:} link would break in the browser
 * (and the browser tests' console check would catch it late); this catches it at once, in every template.
 */
class TemplatesAllowStrictCspTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE = Pattern.compile("<style\\b|\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URL = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTMX_EVAL = Pattern.compile("\\shx-on[:-]|\\shx-vars\\s*=|js:", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateHasInlineScriptStyleOrEventHandlers() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> templates;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).isNotEmpty();
        for (Path template : templates) {
            String html = Files.readString(template).replaceAll("(?s)<!--/\\*.*?\\*/-->", "");
            Matcher scripts = SCRIPT.matcher(html);
            while (scripts.find()) {
                if (!scripts.group(1).matches("(?s).*\\b(th:)?src\\s*=.*")) {
                    problems.add(template + ": inline <script>");
                }
            }
            check(problems, template, html, EVENT_HANDLER, "inline event handler");
            check(problems, template, html, STYLE, "inline style");
            check(problems, template, html, JAVASCRIPT_URL, "javascript: URL");
            check(problems, template, html, HTMX_EVAL, "htmx code evaluation (hx-on, hx-vars, js:)");
        }
        assertThat(problems).isEmpty();
    }

    private static void check(List<String> problems, Path template, String html, Pattern pattern, String what) {
        Matcher m = pattern.matcher(html);
        if (m.find()) {
            problems.add(template + ": " + what + " near '" + html.substring(Math.max(0, m.start() - 30),
                    Math.min(html.length(), m.end() + 30)).replaceAll("\\s+", " ") + "'");
        }
    }
}
