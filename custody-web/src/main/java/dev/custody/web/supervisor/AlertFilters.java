package dev.custody.web.supervisor;

import dev.custody.events.AlertMessage;
import dev.custody.projections.alert.AlertService;
import dev.custody.web.form.Answers;
import dev.custody.projections.alert.AlertStore;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Objects;


/**
 * The alert list's filters, as the page's form sends them: the rule, the severity, the state (open unless the
 * supervisor picks another, or {@code ANY}), the order (most urgent first unless {@code newest}) and the page.
 * A value the form cannot send (an edited address) counts as no filter.
 */
record AlertFilters(String rule, String severity, String state, String sort, Integer page) {

    static final String ANY = "ANY";
    static final String NEWEST = "newest";
    static final String URGENT = "urgent";

    AlertFilters {
        rule = known(AlertRule.class, rule);
        severity = known(AlertSeverity.class, severity);
        state = Answers.text(state) == null ? "OPEN"
                : Objects.requireNonNullElse(known(AlertMessage.State.class, state), ANY);
        sort = NEWEST.equals(sort) ? NEWEST : URGENT;
        page = page == null || page < 0 ? 0 : page;
    }

    AlertService.Query query() {
        return new AlertService.Query(rule == null ? null : AlertRule.valueOf(rule),
                severity == null ? null : AlertSeverity.valueOf(severity), null,
                ANY.equals(state) ? null : AlertMessage.State.valueOf(state), null, null, null, null, null,
                NEWEST.equals(sort) ? AlertStore.Order.NEWEST : AlertStore.Order.MOST_URGENT);
    }

    /** The list's address with these filters, at {@code page}. */
    String path(int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/supervisor");
        if (rule != null) {
            uri.queryParam("rule", rule);
        }
        if (severity != null) {
            uri.queryParam("severity", severity);
        }
        if (!"OPEN".equals(state)) {
            uri.queryParam("state", state);
        }
        if (NEWEST.equals(sort)) {
            uri.queryParam("sort", sort);
        }
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.build().encode().toUriString();
    }

    /** Whether any filter narrows the list beyond the open alerts. */
    public boolean narrowed() {
        return rule != null || severity != null || !"OPEN".equals(state);
    }

    private static <E extends Enum<E>> String known(Class<E> options, String value) {
        E option = Answers.choice(options, value);
        return option == null ? null : option.name();
    }
}
