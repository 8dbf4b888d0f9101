package dev.custody.notifier.inbox;

/** Every raised alert, warning or breach, goes to the force's supervisors; resolutions do not. */
public final class SupervisorAlertPolicy {

    public boolean notifies(Incoming.Alert alert) {
        return alert.raised();
    }
}
