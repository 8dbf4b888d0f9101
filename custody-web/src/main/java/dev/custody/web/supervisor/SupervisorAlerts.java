package dev.custody.web.supervisor;

import dev.custody.projections.alert.AlertLogEntry;
import dev.custody.projections.alert.AlertService;
import dev.custody.projections.alert.AlertView;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.web.layout.Formats;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Alerts and log entries in the words of the supervisor's pages: each with its device (read in one query for a
 * page of alerts), why it fired, when it was due and how late. The alerts themselves come from {@link AlertService},
 * the REST API's own, so a page shows exactly what the API answers.
 */
@Component
class SupervisorAlerts {

    /** One entry of the alert log with its alert, when the caller may see it. */
    record LogRow(AlertLogEntry entry, AlertRow alert) {
    }

    private final DeviceQueries devices;
    private final AlertService alerts;
    private final Formats formats;

    SupervisorAlerts(DeviceQueries devices, AlertService alerts, Formats formats) {
        this.devices = devices;
        this.alerts = alerts;
        this.formats = formats;
    }

    List<AlertRow> rows(List<AlertView> page) {
        Map<UUID, DeviceView> views = devices.views(page.stream().map(AlertView::deviceId).collect(Collectors.toSet()));
        return page.stream().map(a -> row(a, views.get(a.deviceId()))).toList();
    }

    AlertRow row(AlertView alert, DeviceView device) {
        AlertRule rule = AlertRule.valueOf(alert.rule());
        boolean finding = !rule.isDeadline();
        boolean settled = "RESOLVED".equals(alert.state());
        return new AlertRow(alert, device(alert, device), formats.words(rule), formats.words(alert.severity()),
                formats.meaning(alert.rule(), alert.severity()), formats.why(alert.rule()),
                finding ? "Found" : "Due", lateness(alert, finding), !settled && !finding && formats.past(alert.dueAt()),
                formats.words(alert.state()));
    }

    /** A page of the log, each entry with its alert and device in words. */
    List<LogRow> logRows(Actor actor, List<AlertLogEntry> entries) {
        Set<UUID> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.alertId()));
        Map<UUID, AlertRow> rows = rows(alerts.visible(actor, ids)).stream()
                .collect(Collectors.toMap(AlertRow::id, Function.identity()));
        List<LogRow> result = new ArrayList<>();
        for (AlertLogEntry entry : entries) {
            result.add(new LogRow(entry, rows.get(entry.alertId())));
        }
        return result;
    }

    private String device(AlertView alert, DeviceView view) {
        if (view == null) {
            return "Device " + alert.deviceId();
        }
        return formats.words(view.deviceType()) + ", case " + view.caseReference();
    }

    private String lateness(AlertView alert, boolean finding) {
        if ("RESOLVED".equals(alert.state())) {
            if ("SUPERSEDED".equals(alert.resolution())) {
                return "No longer applies (the deadline moved or the device went back)";
            }
            if (finding || alert.lateBySeconds() == null) {
                return "Resolved";
            }
            return alert.lateBySeconds() > 0
                    ? "Resolved " + formats.duration(Duration.ofSeconds(alert.lateBySeconds())) + " late"
                    : "Resolved in time";
        }
        if (finding) {
            return "Found " + formats.time(alert.dueAt());
        }
        return formats.sentence(formats.countdown(alert.dueAt()));
    }
}
