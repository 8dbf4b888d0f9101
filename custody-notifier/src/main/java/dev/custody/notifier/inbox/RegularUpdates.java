package dev.custody.notifier.inbox;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.sendlog.PlannedMessage;
import dev.custody.notifier.sendlog.SendLog;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.notifier.tracking.TrackedDevices;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plans the regular update of every held device whose victim has not heard from us within the agreed interval. The
 * reason key is the device and the due date, so two nodes planning at once still send one message. The next due
 * date moves on at once; the VictimNotified that the sent message produces then sets it exactly.
 */
@Service
@NotifierRole
public class RegularUpdates {

    static final String SOURCE = "notifier-schedule";

    private final TrackedDevices devices;
    private final SendLog sendLog;
    private final Clock clock;
    private final UpdateSchedule schedule;
    private final List<String> owners;
    private final int batchSize;

    RegularUpdates(TrackedDevices devices, SendLog sendLog, Clock clock, NotifierProperties properties) {
        this.devices = devices;
        this.sendLog = sendLog;
        this.clock = clock;
        this.schedule = new UpdateSchedule(properties.defaultUpdateEvery());
        this.owners = List.copyOf(properties.notifyOwnerRoles());
        this.batchSize = properties.batchSize();
    }

    /** @return how many updates were planned */
    @Transactional
    public int planDue() {
        Instant now = clock.instant();
        int planned = 0;
        for (TrackedDevice device : devices.updatesDue(now, owners, batchSize)) {
            String reason = "regular-update:" + device.deviceId() + ":" + device.nextUpdateDue();
            String value = "{\"type\":\"regular-update\",\"deviceid\":\"" + device.deviceId() + "\",\"due\":\""
                    + device.nextUpdateDue() + "\"}";
            if (sendLog.plan(new PlannedMessage(reason, Contact.recipientKey(device.contactReference()),
                    Template.REGULAR_UPDATE, device.deviceId(), device.force(),
                    Map.of("updateEveryDays", Integer.toString(device.updateEveryDays())), SOURCE,
                    device.deviceId().toString(), value), now)) {
                planned++;
            }
            devices.nextUpdateDue(device.deviceId(), schedule.nextDue(now, device.updateEveryDays()));
        }
        return planned;
    }
}
