package dev.custody.values;

import java.util.EnumSet;
import java.util.Set;

/**
 * The s.39 notice given to the person.
 *
 * @param version           the force's form version, e.g. {@code DPP-DPN-2024-03}
 * @param language          the language the notice was given in
 * @param elementsConfirmed which of the five s.39 elements the officer confirms the notice covered
 */
public record WrittenNotice(String version, Language language, Set<NoticeElement> elementsConfirmed) {
    public WrittenNotice {
        elementsConfirmed = elementsConfirmed == null ? Set.of() : Set.copyOf(elementsConfirmed);
    }

    public Set<NoticeElement> missingElements() {
        Set<NoticeElement> missing = EnumSet.allOf(NoticeElement.class);
        missing.removeAll(elementsConfirmed);
        return missing;
    }
}
