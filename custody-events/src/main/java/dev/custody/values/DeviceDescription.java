package dev.custody.values;

/**
 * What was seized.
 *
 * @param type        the kind of device
 * @param description make, model, colour: enough to recognise it on return
 * @param sealNumber  the evidence bag's seal number, checked at every hand-over
 */
public record DeviceDescription(DeviceType type, String description, String sealNumber) {
}
