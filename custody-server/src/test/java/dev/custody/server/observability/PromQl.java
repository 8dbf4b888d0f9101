package dev.custody.server.observability;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to check the dashboard and rules against a scrape: the metric names an expression
 * selects, with the label names its selectors match on. Function names, keywords, grouping labels, durations,
 * numbers, string literals and Grafana variables are skipped.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][\\w:]*+)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A name not followed by "(" (a function), and not part of a number, a duration or a $variable. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{([^}]*)})?");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"");

    private PromQl() {
    }

    /** Adds the metric names in a PromQL expression, each with the label names its selectors match on. */
    static void referenced(String expr, Map<String, Set<String>> into) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        Matcher selector = SELECTOR.matcher(s);
        while (selector.find()) {
            Set<String> labels = into.computeIfAbsent(selector.group(1), n -> new TreeSet<>());
            Matcher label = MATCHER_LABEL.matcher(selector.group(2));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Matcher id = IDENTIFIER.matcher(s);
        while (id.find()) {
            if (!KEYWORDS.contains(id.group(1))) {
                into.computeIfAbsent(id.group(1), n -> new TreeSet<>());
            }
        }
    }

    static Map<String, Set<String>> referenced(String expr) {
        Map<String, Set<String>> names = new TreeMap<>();
        referenced(expr, names);
        return names;
    }

    /** Each metric name in a Prometheus text exposition, with the label names it carries. */
    static Map<String, Set<String>> exported(String scrape) {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                Set<String> labels = names.computeIfAbsent(m.group(1), n -> new TreeSet<>());
                if (m.group(3) != null) {
                    Matcher l = SAMPLE_LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.add(l.group(1));
                    }
                }
            }
        }
        return names;
    }
}
