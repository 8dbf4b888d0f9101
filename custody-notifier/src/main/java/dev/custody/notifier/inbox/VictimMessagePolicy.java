package dev.custody.notifier.inbox;

import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.OwnerRole;
import dev.custody.wire.WireMessage;

import java.util.Optional;
import java.util.Set;

/**
 * Which custody events and alerts the owner of a device is told about, and which owners at all: by default victims
 * (a force may add witnesses), and only where the seizure carried a contact reference.
 */
public final class VictimMessagePolicy {

    private final Set<OwnerRole> owners;

    public VictimMessagePolicy(Set<OwnerRole> owners) {
        this.owners = Set.copyOf(owners);
    }

    public Optional<Template> templateFor(DeviceEvent event) {
        if (event instanceof DeviceEvent.DeviceSeized) {
            return Optional.of(Template.SEIZURE_RECEIPT);
        }
        if (event instanceof DeviceEvent.ReplacementIssued) {
            return Optional.of(Template.REPLACEMENT_ISSUED);
        }
        if (event instanceof DeviceEvent.DeviceReadyForCollection) {
            return Optional.of(Template.READY_FOR_COLLECTION);
        }
        if (event instanceof DeviceEvent.DeviceReturned) {
            return Optional.of(Template.DEVICE_RETURNED);
        }
        if (event instanceof DeviceEvent.RetentionExtended) {
            return Optional.of(Template.RETENTION_EXTENDED);
        }
        return Optional.empty();
    }

    public boolean notifiesOwnerOf(TrackedDevice device) {
        return device.contactReference() != null && owners.contains(device.ownerRole());
    }

    public boolean notifies(OwnerRole role) {
        return owners.contains(role);
    }

    /** The 24-hour return was missed for someone we tell: apologise and offer a replacement. */
    public boolean apologisesFor(WireMessage.Alert alert) {
        AlertMessage a = alert.alert();
        return alert.raised() && a.rule() == AlertRule.RETURN_24H && a.severity() == AlertSeverity.BREACH
                && owners.contains(a.ownerRole());
    }
}
