package dev.custody.device;

import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;

import java.util.List;

/** Versions as HTTP entity tags: version 3 is {@code "3"}. */
final class ETags {

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** @return the version in an {@code If-Match} header, or null when there is none */
    static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            String message = "If-Match must be a version returned as an ETag";
            throw Problem.unprocessable("invalid-if-match", message, List.of(new FieldError("If-Match", message)));
        }
    }
}
