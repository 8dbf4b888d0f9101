package dev.custody.values;

public enum DeviceType {
    MOBILE_PHONE,
    TABLET,
    LAPTOP,
    DESKTOP,
    SMARTWATCH,
    STORAGE_MEDIA,
    OTHER
}
