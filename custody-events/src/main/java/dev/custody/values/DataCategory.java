package dev.custody.values;

public enum DataCategory {
    MESSAGES,
    CALLS,
    CONTACTS,
    PHOTOS_AND_VIDEOS,
    LOCATION,
    BROWSING,
    SOCIAL_MEDIA,
    DATING_APPS,
    EMAIL,
    DOCUMENTS,
    OTHER_APP_DATA
}
