package dev.custody.values;

/** Where a device is in its life. Derived from events only, through the lifecycle table {@link LifecycleStep}. */
public enum CustodyStage {
    SEIZED,
    AT_LAB,
    DOWNLOADING,
    DOWNLOAD_FAILED,
    DOWNLOADED,
    VERIFIED,
    EXAMINING,
    EXAMINED,
    /** The lab and the officer have finished with it; the owner has been asked to collect it. */
    READY_FOR_COLLECTION,
    RETURNED;

    public boolean isHeld() {
        return this != RETURNED;
    }
}
