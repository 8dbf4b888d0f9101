package dev.custody.web.supervisor;

import dev.custody.projections.alert.AlertView;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as a supervisor reads it, in words: which device, why it fired, when it was due and how late it is or was.
 *
 * @param device    the device in words ("Mobile phone, case DP-2026-0042"), or its reference while it is not yet
 *                  on the read side
 * @param label     the rule's short name ("Return within 24 hours")
 * @param severity  "Warning" or "Breach", as a tag
 * @param meaning   what the severity means for the rule ("Deadline missed", "Chain of custody at risk")
 * @param why       why it fired, as a sentence
 * @param dueLabel  "Due" for a deadline, "Found" for a finding such as a broken seal
 * @param lateness  how late it is ("Overdue by 1d 2h") or was once resolved ("Resolved 3h 0m late")
 * @param urgent    whether it is still open or acknowledged and past its due time
 */
public record AlertRow(AlertView alert, String device, String label, String severity, String meaning, String why,
                       String dueLabel, String lateness, boolean urgent, String state) {

    public UUID id() {
        return alert.alertId();
    }

    public UUID deviceId() {
        return alert.deviceId();
    }

    public Instant dueAt() {
        return alert.dueAt();
    }

    public boolean open() {
        return "OPEN".equals(alert.state());
    }

    public boolean breach() {
        return "BREACH".equals(alert.severity());
    }
}
