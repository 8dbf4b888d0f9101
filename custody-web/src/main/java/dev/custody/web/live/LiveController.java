package dev.custody.web.live;

import dev.custody.values.Actor;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.layout.PageNotFound;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.UUID;

/** The server-sent event streams pages subscribe to ({@link LiveUpdates}), scoped as the pages themselves. */
@Controller
class LiveController {

    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveUpdates updates;
    private final DeviceRecords records;

    LiveController(LiveUpdates updates, DeviceRecords records) {
        this.updates = updates;
        this.records = records;
    }

    /** Changes to the devices at the caller's own lab. */
    @GetMapping(path = "/live/lab", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter lab(Actor actor, @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        if (actor.lab() == null) {
            throw new PageNotFound("no lab for " + actor.id());
        }
        return updates.subscribe(LiveUpdates.lab(actor.lab().value()), lastEventId != null);
    }

    /** Changes to one device the caller may see. */
    @GetMapping(path = "/live/devices/{id}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter device(Actor actor, @PathVariable UUID id,
                      @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        records.load(actor, id);
        return updates.subscribe(LiveUpdates.device(id), lastEventId != null);
    }
}
