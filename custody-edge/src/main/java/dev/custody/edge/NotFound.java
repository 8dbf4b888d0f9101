package dev.custody.edge;

/**
 * The answers for a record that does not exist or that the caller may not see. Both answer alike, byte for byte
 * apart from the id the caller sent, so that a 404 never tells anyone that another force's record exists (no
 * existence oracle). Whether a caller may see a force's records is {@code Actor.canSee}.
 */
public final class NotFound {

    private NotFound() {
    }

    public static Problem device(Object deviceId) {
        return Problem.notFound("device-not-found", "There is no custody record " + deviceId);
    }

    /** The read side's answer, which may lag a seizure by a moment. */
    public static Problem deviceStatus(Object deviceId) {
        return Problem.notFound("device-not-found", "There is no custody record " + deviceId
                + " (a device seized moments ago may take a moment to appear)");
    }

    /** A label code that names no device the caller may see: unknown, mistyped or another force's, alike. */
    public static Problem labelCode(String code) {
        return Problem.notFound("label-not-found", "No device has the label code " + code);
    }

    public static Problem alert(Object alertId) {
        return Problem.notFound("alert-not-found", "There is no alert " + alertId);
    }

    public static Problem labQueue(String lab) {
        return Problem.notFound("lab-not-found", "There is no queue at lab " + lab + " for you");
    }

    public static Problem contact(String contactReference) {
        return Problem.notFound("contact-not-found", "There are no contact details "
                + (contactReference == null ? "under that reference" : contactReference) + " for your force");
    }
}
