package dev.custody.server.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/legal.md} maps each legal duty to the feature that meets it and the tests that enforce it. This test
 * keeps that table true: every test it names ({@code Class#method}, nested classes as {@code Outer.Inner#method})
 * must exist as a test in some module's {@code src/test/java}, and every duty must name at least one. A test that
 * is renamed or deleted fails the build until the table is updated.
 */
class LegalDutiesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path LEGAL = ROOT.resolve("docs/legal.md");
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z]\\w*(?:\\.[A-Z]\\w*)*)#(\\w+)`");
    private static final List<String> DUTIES = List.of("s.37", "s.38", "s.39", "code of practice", "Bater-James",
            "Victims' Code", "Welsh Language Standards", "purpose limitation", "minimisation", "storage limitation",
            "security", "logging");

    private static Set<String> tests;

    @BeforeAll
    static void indexEveryTestInTheRepository() throws IOException {
        tests = new HashSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path testSources : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(testSources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> tests.addAll(testsIn(read(f))));
                }
            }
        }
    }

    @Test
    void everyDutyNamesAFeatureAndTestsThatExist() throws IOException {
        Map<String, List<String>> rows = dutyRows(Files.readString(LEGAL));
        assertThat(rows).as("duties in " + LEGAL).hasSizeGreaterThanOrEqualTo(DUTIES.size());
        List<String> missing = new ArrayList<>();
        rows.forEach((duty, references) -> {
            assertThat(references).as("tests named for " + duty).isNotEmpty();
            references.stream().filter(r -> !tests.contains(r)).forEach(r -> missing.add(duty + ": " + r));
        });
        assertThat(missing).as("tests named in docs/legal.md that do not exist").isEmpty();
    }

    @Test
    void everyDutyOfTheIssueIsInTheTable() throws IOException {
        Set<String> duties = dutyRows(Files.readString(LEGAL)).keySet();
        for (String duty : DUTIES) {
            assertThat(duties).as("a row for " + duty).anyMatch(d -> d.contains(duty));
        }
    }

    @Test
    void theIndexFindsNestedTestsAndRejectsNamesThatDoNotExist() {
        assertThat(tests).contains("DeviceCustodyTest.Substance#a_placeholder_line_of_enquiry_is_refused",
                "EventStoreAppendOnlyIT#an_update_and_a_delete_of_stored_events_are_refused_and_change_nothing",
                "LegalDutiesTest#theIndexFindsNestedTestsAndRejectsNamesThatDoNotExist");
        assertThat(tests).doesNotContain("DeviceCustodyTest#a_placeholder_line_of_enquiry_is_refused",
                "DeviceCustodyTest.Substance#no_such_test", "LegalDutiesTest#indexEveryTestInTheRepository");
        Set<String> found = testsIn("""
                class Outer {
                    String json = "{\\"class Fake {\\" }";
                    @Test void top() { }
                    void helper() { }
                    @Nested class Inner {
                        @ParameterizedTest
                        @MethodSource("x")
                        void inner(String s) { if (s.equals("}")) { } }
                    }
                    @Test void after() { }
                }
                """);
        assertThat(found).containsExactlyInAnyOrder("Outer#top", "Outer.Inner#inner", "Outer#after");
    }

    /** Each row of the duties table: its first cell, and the tests named in its last cell. */
    static Map<String, List<String>> dutyRows(String markdown) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| Duty")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            String duty = cells[1].strip();
            List<String> references = new ArrayList<>();
            Matcher m = REFERENCE.matcher(cells[cells.length - 1]);
            while (m.find()) {
                references.add(m.group(1) + "#" + m.group(2));
            }
            rows.put(duty, references);
        }
        return rows;
    }

    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+(\\w+)[^{;]*\\{");
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b[^;{}]*?\\bvoid\\s+(\\w+)\\s*\\(");
    private static final Pattern ARCH_RULE = Pattern.compile("@ArchTest\\b[^;{}]*?\\bArchRule\\s+(\\w+)");

    /** Every test in one source file, as {@code Outer.Inner#method}. */
    static Set<String> testsIn(String source) {
        String code = blankStringsAndComments(source);
        record Span(String name, int start, int end) {
        }
        List<Span> types = new ArrayList<>();
        Matcher t = TYPE.matcher(code);
        while (t.find()) {
            int open = t.end() - 1;
            types.add(new Span(t.group(1), open, matchingBrace(code, open)));
        }
        Set<String> found = new HashSet<>();
        for (Pattern p : List.of(TEST_METHOD, ARCH_RULE)) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                int at = m.start(1);
                String owner = String.join(".", types.stream().filter(s -> s.start() < at && at < s.end())
                        .map(Span::name).toList());
                found.add(owner + "#" + m.group(1));
            }
        }
        return found;
    }

    private static int matchingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** The source with the contents of comments, strings, text blocks and characters blanked, braces included. */
    static String blankStringsAndComments(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = blank(out, i, end < 0 ? s.length() : end);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = blank(out, i, end < 0 ? s.length() : end + 2);
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                i = blank(out, i + 3, end < 0 ? s.length() : end) + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != quote) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(out, i + 1, Math.min(j, s.length())) + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
        return to;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
