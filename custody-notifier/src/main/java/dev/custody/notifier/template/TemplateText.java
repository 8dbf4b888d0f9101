package dev.custody.notifier.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One template file in one language: a first line {@code Subject: …}, a blank line, then the body, in Mustache
 * (JMustache): placeholders are {@code {{name}}}; a section {@code {{#name}}…{{/name}}} is kept only when
 * {@code name} has a value, which is how a message leaves out what is not known (such as an expected return date).
 * Text is plain, never HTML-escaped; partials ({@code {{>name}}}) are refused.
 */
public final class TemplateText {

    private static final Mustache.Compiler MUSTACHE = Mustache.compiler()
            .escapeHTML(false)
            .emptyStringIsFalse(true);

    /** A template that cannot be used: the message says which file and why. */
    public static class InvalidTemplate extends RuntimeException {
        public InvalidTemplate(String message) {
            super(message);
        }
    }

    private final String source;
    private final String subject;
    private final String body;
    private final com.samskivert.mustache.Template compiledSubject;
    private final com.samskivert.mustache.Template compiledBody;

    private TemplateText(String source, String subject, String body) {
        this.source = source;
        this.subject = subject;
        this.body = body;
        this.compiledSubject = compile(subject);
        this.compiledBody = compile(body);
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
        return new TemplateText(source, first.substring("Subject:".length()).strip(), body);
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    /** Placeholder and section names used anywhere in the template. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        compiledSubject.visit(new Names(names, true));
        compiledBody.visit(new Names(names, true));
        return names;
    }

    /** Names used in the body outside any section: the ones that always reach the reader. */
    public Set<String> unconditionalBodyNames() {
        Set<String> names = new LinkedHashSet<>();
        compiledBody.visit(new Names(names, false));
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
     * Fills the template. {@code values} holds the text of each name that has one; a placeholder without a value
     * outside a section is an error, never an empty gap in a message.
     */
    public RenderedMessage render(Map<String, String> values) {
        return new RenderedMessage(fill(compiledSubject, values), fill(compiledBody, values));
    }

    private String fill(com.samskivert.mustache.Template template, Map<String, String> values) {
        try {
            return tidy(template.execute(values));
        } catch (MustacheException.Context e) {
            throw new InvalidTemplate(source + ": no value for placeholder " + e.key);
        }
    }

    /** A removed section leaves no run of blank lines behind. */
    private static String tidy(String text) {
        return text.replaceAll("\n{3,}", "\n\n").strip();
    }

    private com.samskivert.mustache.Template compile(String text) {
        com.samskivert.mustache.Template template;
        try {
            template = MUSTACHE.compile(text);
        } catch (MustacheException e) {
            throw new InvalidTemplate(source + ": " + e.getMessage());
        }
        template.visit(new Names(new LinkedHashSet<>(), true));
        return template;
    }

    /** Collects names; refuses partials, and a '{{' that Mustache left as text (a tag that never closes). */
    private final class Names implements Mustache.Visitor {
        private final Set<String> names;
        private final boolean intoSections;

        Names(Set<String> names, boolean intoSections) {
            this.names = names;
            this.intoSections = intoSections;
        }

        @Override
        public void visitText(String text) {
            if (text.contains("{{")) {
                throw new InvalidTemplate(source + ": a '{{' does not start a valid placeholder");
            }
        }

        @Override
        public void visitVariable(String name) {
            names.add(name);
        }

        @Override
        public boolean visitInclude(String name) {
            throw new InvalidTemplate(source + ": partials such as {{>" + name + "}} are not supported");
        }

        @Override
        public boolean visitSection(String name) {
            names.add(name);
            return intoSections;
        }

        @Override
        public boolean visitInvertedSection(String name) {
            names.add(name);
            return intoSections;
        }
    }
}
