package dev.custody.notifier.inbox;

import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.RetentionExtended;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.notifier.NotifierMetrics;
import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.notifier.contact.StatusLinks;
import dev.custody.notifier.sendlog.PlannedMessage;
import dev.custody.notifier.sendlog.SendLog;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.template.TemplateRenderer;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.notifier.tracking.TrackedDevices;
import dev.custody.values.ContactReference;
import dev.custody.values.OwnerRole;
import dev.custody.wire.WireMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns one record into the notifier's state and the messages it owes, in one database transaction: the device's
 * tracking row, the contact's erasure date and the send-log rows commit together, or not at all (then the record is
 * redelivered). Planning a reason twice is harmless: the send log keeps the first.
 */
@Service
@NotifierRole
public class MessagePlanner {

    /** Where a record came from, kept with its messages for the dead-letter topic. */
    public record Source(String topic, String key, String value) {
    }

    private static final Logger log = LoggerFactory.getLogger(MessagePlanner.class);

    private final TrackedDevices devices;
    private final ContactVault vault;
    private final StatusLinks statusLinks;
    private final SendLog sendLog;
    private final Clock clock;
    private final NotifierMetrics metrics;
    private final VictimMessagePolicy victims;
    private final SupervisorAlertPolicy supervisors = new SupervisorAlertPolicy();
    private final FreshnessPolicy freshness;
    private final UpdateSchedule schedule;

    MessagePlanner(TrackedDevices devices, ContactVault vault, StatusLinks statusLinks, SendLog sendLog, Clock clock,
                   NotifierMetrics metrics, NotifierProperties properties) {
        this.devices = devices;
        this.vault = vault;
        this.statusLinks = statusLinks;
        this.sendLog = sendLog;
        this.clock = clock;
        this.metrics = metrics;
        this.victims = new VictimMessagePolicy(properties.notifyOwnerRoles().stream()
                .map(OwnerRole::valueOf).collect(Collectors.toSet()));
        this.freshness = new FreshnessPolicy(properties.maxEventAge());
        this.schedule = new UpdateSchedule(properties.defaultUpdateEvery());
    }

    /** @return how many new messages were planned */
    @Transactional
    public int handle(WireMessage incoming, Source source) {
        if (incoming instanceof WireMessage.CustodyEvent event) {
            return onEvent(event, source);
        }
        if (incoming instanceof WireMessage.Alert alert) {
            return onAlert(alert, source);
        }
        return 0;
    }

    private int onEvent(WireMessage.CustodyEvent incoming, Source source) {
        DeviceEvent event = incoming.event();
        Optional<TrackedDevice> before = devices.find(event.deviceId());
        if (event instanceof DeviceSeized seized) {
            track(seized, before);
        } else if (event instanceof DeviceReturned returned) {
            devices.returned(returned.deviceId(), returned.occurredAt());
            statusLinks.expireWith(returned.deviceId(), returned.occurredAt());
            before.map(TrackedDevice::contactReference).ifPresent(vault::rescheduleErasure);
        } else if (event instanceof VictimNotified notified) {
            devices.updated(notified.deviceId(), notified.occurredAt());
        }
        Optional<Template> template = victims.templateFor(event);
        Optional<TrackedDevice> device = devices.find(event.deviceId());
        if (template.isEmpty() || device.isEmpty() || !victims.notifiesOwnerOf(device.get())) {
            return 0;
        }
        if (!freshness.fresh(incoming.time(), clock.instant())) {
            metrics.skipped(template.get().fileName(), "stale-event");
            return 0;
        }
        Map<String, String> params = new HashMap<>();
        if (event instanceof RetentionExtended extended) {
            params.put("retainedUntil", extended.until().atZone(TemplateRenderer.UK).toLocalDate().toString());
            params.put("retentionReason", extended.reason() == null ? "" : extended.reason().strip());
        }
        return plan(new PlannedMessage(incoming.id(), Contact.recipientKey(device.get().contactReference()),
                template.get(), event.deviceId(), incoming.force(), params, source.topic(), source.key(),
                source.value()));
    }

    private void track(DeviceSeized seized, Optional<TrackedDevice> before) {
        ContactReference contact = seized.details() == null ? null : seized.details().contactReference();
        OwnerRole role = seized.details() == null || seized.details().ownerRole() == null
                ? OwnerRole.OTHER : seized.details().ownerRole();
        int every = schedule.everyDays(seized.details() == null ? null : seized.details().victimCare());
        Instant lastHeard = before.map(TrackedDevice::lastUpdateAt).filter(at -> at.isAfter(seized.occurredAt()))
                .orElse(seized.occurredAt());
        devices.seized(new TrackedDevice(seized.deviceId(), seized.force(), contact, role, seized.seizureNumber(),
                every, seized.occurredAt(), null, schedule.nextDue(lastHeard, every), null));
        if (contact != null) {
            vault.rescheduleErasure(contact);
        }
        before.map(TrackedDevice::contactReference).filter(previous -> !previous.equals(contact))
                .ifPresent(vault::rescheduleErasure);
    }

    private int onAlert(WireMessage.Alert incoming, Source source) {
        int planned = 0;
        AlertMessage alert = incoming.alert();
        boolean fresh = freshness.fresh(incoming.time(), clock.instant());
        if (supervisors.notifies(incoming)) {
            if (fresh) {
                Map<String, String> params = new HashMap<>();
                params.put("deviceId", alert.deviceId().toString());
                params.put("rule", alert.rule().name());
                params.put("severity", alert.severity().name());
                params.put("ownerRole", (alert.ownerRole() == null ? OwnerRole.OTHER : alert.ownerRole()).name());
                params.put("raisedAt", alert.raisedAt().toString());
                if (alert.dueAt() != null) {
                    params.put("dueAt", alert.dueAt().toString());
                }
                planned += plan(new PlannedMessage(incoming.id(), PlannedMessage.supervisorOf(incoming.force()),
                        Template.SUPERVISOR_ALERT, alert.deviceId(), incoming.force(), params, source.topic(),
                        source.key(), source.value()));
            } else {
                metrics.skipped(Template.SUPERVISOR_ALERT.fileName(), "stale-event");
            }
        }
        if (victims.apologisesFor(incoming)) {
            TrackedDevice device = devices.find(alert.deviceId())
                    .orElseThrow(() -> new DeviceNotYetKnown(alert.deviceId().toString()));
            if (device.held() && victims.notifiesOwnerOf(device)) {
                if (fresh) {
                    planned += plan(new PlannedMessage(incoming.id(), Contact.recipientKey(device.contactReference()),
                            Template.RETURN_OVERDUE_APOLOGY, alert.deviceId(), incoming.force(), Map.of(),
                            source.topic(), source.key(), source.value()));
                } else {
                    metrics.skipped(Template.RETURN_OVERDUE_APOLOGY.fileName(), "stale-event");
                }
            }
        }
        return planned;
    }

    private int plan(PlannedMessage message) {
        boolean added = sendLog.plan(message, clock.instant());
        if (!added) {
            log.debug("Already planned: {} {} for {}", message.template().fileName(), message.recipient(),
                    message.sourceEventId());
        }
        return added ? 1 : 0;
    }
}
