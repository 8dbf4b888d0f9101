package dev.custody.web.supervisor;

import dev.custody.events.AlertMessage;
import dev.custody.projections.alert.AlertService;
import dev.custody.web.form.Answers;
import dev.custody.web.layout.Formats;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The alert log's filters: the kind of change, and the days from and to (both included, UK time), as the page's
 * form sends them ({@code yyyy-mm-dd} from its date inputs). A value the form cannot send counts as no filter.
 */
record LogFilters(String change, String from, String to, Integer page) {

    LogFilters {
        AlertMessage.Change known = Answers.choice(AlertMessage.Change.class, change);
        change = known == null ? null : known.name();
        from = day(from) == null ? null : from;
        to = day(to) == null ? null : to;
        page = page == null || page < 0 ? 0 : page;
    }

    AlertService.LogQuery query() {
        Instant start = from == null ? null : day(from).atStartOfDay(Formats.UK).toInstant();
        Instant end = to == null ? null : day(to).plusDays(1).atStartOfDay(Formats.UK).toInstant();
        return new AlertService.LogQuery(null, start, end, change == null ? null : AlertMessage.Change.valueOf(change),
                true);
    }

    String path(int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/supervisor/log");
        if (change != null) {
            uri.queryParam("change", change);
        }
        if (from != null) {
            uri.queryParam("from", from);
        }
        if (to != null) {
            uri.queryParam("to", to);
        }
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.build().encode().toUriString();
    }

    private static LocalDate day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
