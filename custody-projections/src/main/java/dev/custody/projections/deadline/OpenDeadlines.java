package dev.custody.projections.deadline;

import dev.custody.projections.view.DeviceView;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/** A device's open deadlines, worked out from its view and its force's settings, earliest fire time first. */
@Component
public class OpenDeadlines {

    private final Deadlines deadlines = Deadlines.standard();
    private final DeadlineProperties settings;

    OpenDeadlines(DeadlineProperties settings) {
        this.settings = settings;
    }

    public List<Deadline> of(DeviceView view) {
        return deadlines.open(view, settings.forForce(view.force())).values().stream()
                .sorted(Comparator.comparing(Deadline::fireAt).thenComparing(Deadline::rule)
                        .thenComparing(Deadline::severity))
                .toList();
    }
}
