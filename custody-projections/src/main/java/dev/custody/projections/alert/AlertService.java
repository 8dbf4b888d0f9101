package dev.custody.projections.alert;

import dev.custody.edge.Bounds;
import dev.custody.edge.FreeText;
import dev.custody.edge.NotFound;
import dev.custody.edge.Params;
import dev.custody.edge.Problem;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.edge.Validation;
import dev.custody.events.AlertMessage;
import dev.custody.projections.access.ForceFilter;
import dev.custody.projections.access.Page;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Alerts as the people who act on them see them: what the REST API answers under {@code /api/v1/alerts} and
 * {@code /api/v1/alert-log} and the supervisor's pages show, scoped to the caller's force as every read is (another
 * force's alert is "not found"). Acknowledging goes through here too, so a page and the API check and refuse alike.
 */
@Service
public class AlertService {

    /** An alert's states: OPEN, then ACKNOWLEDGED once a supervisor has seen it, RESOLVED by the step it waited for. */
    public static final List<String> STATES = names(AlertMessage.State.values());

    /** The kinds of entry in the alert log. */
    public static final List<String> CHANGES = names(AlertMessage.Change.values());

    /** An alert with its log: raised, acknowledged, resolved. */
    public record AlertDetail(AlertView alert, List<AlertLogEntry> log) {
    }

    /** A supervisor's acknowledgement; the note says what they did or decided. */
    public record AcknowledgeRequest(@NotBlank @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    /**
     * A search of alerts; null fields do not filter. {@code force} is the force asked for (inspectors only; others
     * see their own force whatever they ask).
     */
    public record Query(AlertRule rule, AlertSeverity severity, String force, AlertMessage.State state,
                        OwnerRole ownerRole, String lab, UUID deviceId, Instant from, Instant to,
                        AlertStore.Order order) {

        /** All of the caller's alerts, newest first. */
        public static Query all() {
            return new Query(null, null, null, null, null, null, null, null, null, AlertStore.Order.NEWEST);
        }
    }

    /** A read of the alert log; null fields do not filter. */
    public record LogQuery(String force, Instant from, Instant to, AlertMessage.Change change, boolean newestFirst) {
    }

    private final AlertStore store;
    private final Validator validator;
    private final Clock clock;
    private final TimeWindow window;

    AlertService(AlertStore store, Validator validator, Clock clock, TimeWindow window) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
        this.window = window;
    }

    /** @throws Problem 400 naming each bad filter, 403 for another force asked by name */
    public Page<AlertView> search(Actor actor, Query q, int page, int size) {
        return search(actor, q, page, size, new Params());
    }

    /**
     * As {@link #search(Actor, Query, int, int)}, adding to what binding the query's parameters found
     * ({@link Params#of}), so a caller is told every bad parameter at once.
     */
    Page<AlertView> search(Actor actor, Query q, int page, int size, Params bound) {
        bound.text("force", q.force()).text("lab", q.lab())
                .within(window, Horizon.FUTURE, "from", q.from()).within(window, Horizon.FUTURE, "to", q.to())
                .paging(page, size)
                .check(q.from() == null || q.to() == null || q.from().isBefore(q.to()), "to", "must be after from")
                .validate();
        var filter = new AlertStore.Filter(name(q.rule()), name(q.severity()), ForceFilter.of(actor, q.force()),
                name(q.state()), name(q.ownerRole()), q.lab(), q.deviceId(), q.from(), q.to());
        return new Page<>(store.search(filter, q.order(), page, size), page, size, store.count(filter));
    }

    /** @throws Problem 404 when there is no such alert or it is another force's */
    public AlertView find(Actor actor, UUID id) {
        return store.find(id)
                .filter(alert -> actor.canSee(new ForceCode(alert.force())))
                .orElseThrow(() -> NotFound.alert(id));
    }

    /** @throws Problem 404 when there is no such alert or it is another force's */
    public AlertDetail detail(Actor actor, UUID id) {
        return new AlertDetail(find(actor, id), store.log(id));
    }

    /** The alerts among {@code ids} that {@code actor} may see, in no particular order. */
    public List<AlertView> visible(Actor actor, Collection<UUID> ids) {
        return store.findAll(ids).stream().filter(a -> actor.canSee(new ForceCode(a.force()))).toList();
    }

    /**
     * Marks an open alert as seen, with the supervisor's note. The caller's role is the endpoint's or the page's to
     * check; the force is checked here.
     *
     * @throws Problem 400 for a blank or overlong note, 404 for another force's alert or none, 409
     *                 {@code alert-not-open} when it was already acknowledged or resolved
     */
    public AlertDetail acknowledge(Actor actor, UUID id, AcknowledgeRequest request) {
        AcknowledgeRequest checked = request == null ? new AcknowledgeRequest(null) : request;
        Validation.check(validator, checked);
        find(actor, id);
        if (!store.acknowledge(id, actor.id(), checked.note(), clock.instant())) {
            throw Problem.conflict("alert-not-open", "the alert was already acknowledged or resolved");
        }
        return new AlertDetail(store.find(id).orElseThrow(), store.log(id));
    }

    /** @throws Problem 400 for bad paging, 403 for another force asked by name */
    public Page<AlertLogEntry> log(Actor actor, LogQuery q, int page, int size) {
        new Params().text("force", q.force())
                .within(window, Horizon.FUTURE, "from", q.from()).within(window, Horizon.FUTURE, "to", q.to())
                .paging(page, size).validate();
        String scoped = ForceFilter.of(actor, q.force());
        String change = name(q.change());
        return new Page<>(store.logEntries(scoped, q.from(), q.to(), change, q.newestFirst(), page, size), page,
                size, store.countLogEntries(scoped, q.from(), q.to(), change));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
