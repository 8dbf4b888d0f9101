package dev.custody.values;

/** Where a device is in its life. Derived from events only; see {@code DeviceEvent#stageAfter}. */
public enum CustodyStage {
    SEIZED,
    AT_LAB,
    DOWNLOADING,
    DOWNLOAD_FAILED,
    DOWNLOADED,
    VERIFIED,
    EXAMINING,
    EXAMINED,
    RETURNED;

    public boolean isHeld() {
        return this != RETURNED;
    }
}
