package dev.custody.notifier.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One template file in one language: a first line {@code Subject: …}, a blank line, then the body. Placeholders are
 * {@code {{name}}}; a section {@code {{#name}}…{{/name}}} is kept only when {@code name} has a value, which is how a
 * message leaves out what is not known (such as an expected return date).
 */
public record TemplateText(String source, String subject, String body) {

    private static final Pattern TAG = Pattern.compile("\\{\\{([#/]?)([A-Za-z][A-Za-z0-9]*)}}");

    /** A template that cannot be used: the message says which file and why. */
    public static class InvalidTemplate extends RuntimeException {
        public InvalidTemplate(String message) {
            super(message);
        }
    }

    public static TemplateText parse(String source, String text) {
        String normalised = text.replace("\r\n", "\n").stripTrailing();
        int firstBreak = normalised.indexOf('\n');
        String first = firstBreak < 0 ? normalised : normalised.substring(0, firstBreak);
        if (!first.startsWith("Subject:")) {
            throw new InvalidTemplate(source + ": the first line must be 'Subject: …'");
        }
        String body = firstBreak < 0 ? "" : normalised.substring(firstBreak + 1).strip();
        if (body.isEmpty()) {
            throw new InvalidTemplate(source + ": the body is empty");
        }
        TemplateText template = new TemplateText(source, first.substring("Subject:".length()).strip(), body);
        template.checkSections(template.subject());
        template.checkSections(body);
        return template;
    }

    /** Placeholder and section names used anywhere in the template. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : List.of(subject, body)) {
            Matcher m = TAG.matcher(part);
            while (m.find()) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** Names used in the body outside any section: the ones that always reach the reader. */
    public Set<String> unconditionalBodyNames() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TAG.matcher(body);
        int depth = 0;
        while (m.find()) {
            switch (m.group(1)) {
                case "#" -> depth++;
                case "/" -> depth--;
                default -> {
                    if (depth == 0) {
                        names.add(m.group(2));
                    }
                }
            }
        }
        return names;
    }

    /** Refuses unknown placeholders and missing required ones. */
    public void check(Set<String> allowed, Set<String> required) {
        Set<String> unknown = new LinkedHashSet<>(names());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidTemplate(source + ": unknown placeholder(s) " + unknown + "; allowed are " + allowed);
        }
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(unconditionalBodyNames());
        if (!missing.isEmpty()) {
            throw new InvalidTemplate(source + ": missing placeholder(s) " + missing);
        }
    }

    /**
     * Fills the template. {@code value} gives the text of a name, or null when it has none; a placeholder without a
     * value outside a section is an error, never an empty gap in a message.
     */
    public RenderedMessage render(Function<String, String> value) {
        return new RenderedMessage(fill(subject, value), fill(body, value));
    }

    public RenderedMessage render(Map<String, String> values) {
        return render(values::get);
    }

    private String fill(String text, Function<String, String> value) {
        StringBuilder out = new StringBuilder();
        Deque<Boolean> shown = new ArrayDeque<>();
        Matcher m = TAG.matcher(text);
        int last = 0;
        while (m.find()) {
            boolean visible = !shown.contains(Boolean.FALSE);
            if (visible) {
                out.append(text, last, m.start());
            }
            String name = m.group(2);
            switch (m.group(1)) {
                case "#" -> {
                    String v = value.apply(name);
                    shown.push(v != null && !v.isBlank());
                }
                case "/" -> shown.pop();
                default -> {
                    if (visible) {
                        String v = value.apply(name);
                        if (v == null) {
                            throw new InvalidTemplate(source + ": no value for placeholder " + name);
                        }
                        out.append(v);
                    }
                }
            }
            last = m.end();
        }
        if (!shown.contains(Boolean.FALSE)) {
            out.append(text.substring(last));
        }
        return tidy(out.toString());
    }

    /** A removed section leaves no run of blank lines behind. */
    private static String tidy(String text) {
        return text.replaceAll("\n{3,}", "\n\n").strip();
    }

    private void checkSections(String text) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("#")) {
                open.push(m.group(2));
            } else if (m.group(1).equals("/")) {
                if (open.isEmpty() || !open.pop().equals(m.group(2))) {
                    throw new InvalidTemplate(source + ": section {{/" + m.group(2) + "}} closes nothing open");
                }
            }
        }
        if (!open.isEmpty()) {
            throw new InvalidTemplate(source + ": section {{#" + open.peek() + "}} is never closed");
        }
        if (text.contains("{{") && TAG.matcher(text).results().count()
                != text.split("\\{\\{", -1).length - 1) {
            throw new InvalidTemplate(source + ": a '{{' does not start a valid placeholder");
        }
    }
}
