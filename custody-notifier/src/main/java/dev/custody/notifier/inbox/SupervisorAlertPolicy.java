package dev.custody.notifier.inbox;

import dev.custody.wire.WireMessage;

/** Every raised alert, warning or breach, goes to the force's supervisors; resolutions do not. */
public final class SupervisorAlertPolicy {

    public boolean notifies(WireMessage.Alert alert) {
        return alert.raised();
    }
}
