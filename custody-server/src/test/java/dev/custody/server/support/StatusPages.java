package dev.custody.server.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The status links in the messages a test's victim received. */
public final class StatusPages {

    /** The public address the test server's links name (custody.notifier.status-link.base-url). */
    public static final String BASE_URL = "https://victim.custody.test";

    private static final Pattern LINK = Pattern.compile(Pattern.quote(BASE_URL) + "(/status/([A-Za-z0-9_-]+))");

    private StatusPages() {
    }

    /** The path of the status link in a message, to open on the test server; fails when there is none. */
    public static String path(TestMail.Mail mail) {
        List<String> paths = LINK.matcher(mail.body()).results().map(m -> m.group(1)).distinct().toList();
        if (paths.size() != 1) {
            throw new AssertionError("expected one status link in " + mail.subject() + ", found " + paths
                    + ":\n" + mail.body());
        }
        return paths.get(0);
    }

    /** The token in a message's status link. */
    public static String token(TestMail.Mail mail) {
        Matcher m = LINK.matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("no status link in " + mail.body());
        }
        return m.group(2);
    }
}
