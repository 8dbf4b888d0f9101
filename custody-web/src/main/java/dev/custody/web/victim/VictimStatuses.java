package dev.custody.web.victim;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.notifier.contact.StatusLinks;
import dev.custody.notifier.sendlog.OutgoingMessage;
import dev.custody.notifier.sendlog.SendLog;
import dev.custody.notifier.template.Localised;
import dev.custody.notifier.template.MessageLanguage;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.queue.ExpectedReturnEstimator;
import dev.custody.projections.view.DeviceView;
import dev.custody.web.victim.VictimStatus.LastMessage;
import dev.custody.web.victim.VictimStatus.Replacement;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a status link shows, put together from the vault (the link, the person's language and channel, the last
 * message they were sent), the read model (where the device is, its replacement phone) and the force's settings (its
 * name and contact number). Empty for every link that does not work, whatever the reason.
 */
@Service
@NotifierRole
class VictimStatuses {

    private final StatusLinks links;
    private final ContactVault vault;
    private final SendLog sendLog;
    private final DeviceQueries devices;
    private final ExpectedReturnEstimator estimator;
    private final NotifierProperties properties;

    VictimStatuses(StatusLinks links, ContactVault vault, SendLog sendLog, DeviceQueries devices,
                   ExpectedReturnEstimator estimator, NotifierProperties properties) {
        this.links = links;
        this.vault = vault;
        this.sendLog = sendLog;
        this.devices = devices;
        this.estimator = estimator;
        this.properties = properties;
    }

    Optional<VictimStatus> find(String token) {
        Optional<StatusLinks.Target> target = links.resolve(token);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        StatusLinks.Target link = target.get();
        if (!(vault.recipientFor(link.contact(), link.force()) instanceof ContactVault.Recipient.Found found)) {
            return Optional.empty();
        }
        Contact contact = found.contact();
        // A link is only sent after the seizure was projected; should the read model still lack the device, it is
        // with the police and nothing more is known.
        Optional<DeviceView> view = devices.find(link.deviceId().value()).map(StoredStatus::view);
        NotifierProperties.Force force = properties.force(link.force().value());
        Optional<OutgoingMessage> last = sendLog.lastSent(Contact.recipientKey(link.contact()), link.deviceId());
        return Optional.of(new VictimStatus(
                TrackedDevice.victimReference(link.deviceId()),
                view.map(WhereItIs::of).orElse(WhereItIs.WITH_POLICE),
                view.map(DeviceView::returnedAt).orElse(null),
                view.filter(DeviceView::isHeld).flatMap(estimator::estimate).orElse(null),
                view.map(VictimStatuses::replacement).orElse(Replacement.NONE),
                view.map(DeviceView::activeReplacementIssuedAt).orElse(null),
                MessageLanguage.of(contact.language()),
                contact.channel() == ContactChannel.VIA_ISVA,
                new Localised(force.nameEn(), force.nameCy()),
                force.contactNumber(),
                last.map(m -> new LastMessage(m.template().fileName(), m.settledAt(),
                        m.params().containsKey("retainedUntil") ? LocalDate.parse(m.params().get("retainedUntil"))
                                : null)).orElse(null)));
    }

    private static Replacement replacement(DeviceView view) {
        if (view.activeReplacement() != null) {
            return Replacement.LENT;
        }
        return view.firstReplacementIssuedAt() != null ? Replacement.GIVEN_BACK : Replacement.NONE;
    }
}
