package dev.custody.notifier.sendlog;

import dev.custody.notifier.NotifierMetrics;
import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.channel.Channel;
import dev.custody.notifier.channel.Channels;
import dev.custody.notifier.channel.Delivery;
import dev.custody.notifier.channel.DeliveryFailure;
import dev.custody.notifier.contact.Contact;
import dev.custody.notifier.contact.ContactChannel;
import dev.custody.notifier.contact.ContactErased;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.notifier.contact.StatusLinks;
import dev.custody.notifier.deadletter.DeadLetters;
import dev.custody.notifier.template.AlertTexts;
import dev.custody.notifier.template.Localised;
import dev.custody.notifier.template.MessageLanguage;
import dev.custody.notifier.template.RenderedMessage;
import dev.custody.notifier.template.Template;
import dev.custody.notifier.template.TemplateRenderer;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ContactReference;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what the send log says is due, one message at a time, each in its own steps: claim (with a lease), decide
 * against the vault as it is now, render, send, settle. The vault is read at the moment of sending, so a change of
 * address, of safe hours or to "do not contact" applies to every message still waiting.
 * <ul>
 *   <li>No details, channel NONE or do-not-contact: the message is settled as SKIPPED with that reason, never sent.</li>
 *   <li>Outside the person's safe hours: held, persisted, until the window opens.</li>
 *   <li>A failed send is retried with exponential backoff; after {@code max-attempts}, or at once for a failure that
 *       cannot heal, the original record goes to the dead-letter topic and the message is settled as DEAD.</li>
 *   <li>A delivered victim message is recorded as VictimNotified through the command side, retried until it is.</li>
 *   <li>Every victim message carries a new link to the status page ({@link StatusLinks}), minted just before it is
 *       rendered and forgotten again if the send fails. The token is only in the rendered text, never in the send
 *       log, the dead-letter topic or a log line.</li>
 * </ul>
 */
@Component
@NotifierRole
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration RECORD_BACKOFF_MAX = Duration.ofMinutes(30);

    private final SendLog sendLog;
    private final ContactVault vault;
    private final Channels channels;
    private final TemplateRenderer renderer;
    private final ExpectedReturns expectedReturns;
    private final DeadLetters deadLetters;
    private final NotifierMetrics metrics;
    private final NotifierProperties properties;
    private final Clock clock;
    private final VictimNotifiedRecorder recorder;
    private final StatusLinks statusLinks;

    Dispatcher(SendLog sendLog, ContactVault vault, Channels channels, TemplateRenderer renderer,
               ExpectedReturns expectedReturns, DeadLetters deadLetters, NotifierMetrics metrics,
               NotifierProperties properties, Clock clock, ObjectProvider<CommandGateway> commandGateway,
               StatusLinks statusLinks) {
        this.sendLog = sendLog;
        this.vault = vault;
        this.statusLinks = statusLinks;
        this.channels = channels;
        this.renderer = renderer;
        this.expectedReturns = expectedReturns;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.recorder = new VictimNotifiedRecorder(commandGateway, properties.commandTimeout());
    }

    /** One round: sends (or holds, skips, retries) every message due now; returns how many were looked at. */
    public int dispatchDue() {
        List<OutgoingMessage> due = sendLog.claimDue(clock.instant(), properties.lease(), properties.batchSize());
        for (OutgoingMessage message : due) {
            try {
                dispatch(message);
            } catch (RuntimeException e) {
                // The lease runs out and the message is tried again; one bad row never stops the others.
                log.error("Dispatching message {} failed unexpectedly", message.id(), e);
            }
        }
        return due.size();
    }

    /** One round of recording VictimNotified for delivered victim messages. */
    public int recordDue() {
        List<OutgoingMessage> due = sendLog.claimRecordsDue(clock.instant(), properties.lease(), properties.batchSize());
        for (OutgoingMessage message : due) {
            record(message);
        }
        return due.size();
    }

    @EventListener
    void on(ContactErased erased) {
        int dropped = sendLog.skipPendingFor(Contact.recipientKey(erased.reference()), clock.instant(), "contact-erased");
        if (dropped > 0) {
            log.info("Dropped {} waiting message(s) for erased contact {}", dropped, erased.reference());
        }
    }

    /** @param contact the victim's reference, for their status link; null for supervisors */
    private record Target(Delivery.Medium medium, String address, MessageLanguage language,
                          NotificationChannel recordedChannel, ContactReference contact) {
    }

    private void dispatch(OutgoingMessage message) {
        Instant now = clock.instant();
        NotifierProperties.Force force = properties.force(message.force().value());
        Target target;
        if (message.toVictim()) {
            ContactReference reference = new ContactReference(message.recipient().substring("contact:".length()));
            ContactVault.Recipient recipient = vault.recipientFor(reference, message.force());
            if (recipient instanceof ContactVault.Recipient.OtherForce other) {
                log.warn("Message {} ({}) for device {} of {} is not sent: contact {} was registered by {}",
                        message.id(), message.template().fileName(), message.deviceId(), message.force(), reference,
                        other.registeredBy());
                skip(message, "contact-of-another-force");
                return;
            }
            if (!(recipient instanceof ContactVault.Recipient.Found found)) {
                skip(message, "no-contact");
                return;
            }
            Contact contact = found.contact();
            if (!contact.safeToContact()) {
                log.info("Do not contact: message {} ({}) for device {} is not sent", message.id(),
                        message.template().fileName(), message.deviceId());
                skip(message, "do-not-contact");
                return;
            }
            if (contact.channel() == ContactChannel.NONE) {
                skip(message, "channel-none");
                return;
            }
            if (contact.safeHours() != null && !contact.safeHours().allows(now)) {
                Instant opens = contact.safeHours().nextOpening(now);
                sendLog.hold(message.id(), now, opens);
                log.debug("Message {} held until {}", message.id(), opens);
                return;
            }
            target = new Target(contact.channel().isEmail() ? Delivery.Medium.EMAIL : Delivery.Medium.SMS,
                    contact.address(), MessageLanguage.of(contact.language()), contact.channel().recorded(),
                    reference);
        } else {
            if (force.supervisorEmail() == null) {
                skip(message, "no-supervisor-address");
                return;
            }
            target = new Target(Delivery.Medium.EMAIL, force.supervisorEmail(),
                    MessageLanguage.parse(force.supervisorLanguage()), null, null);
        }
        String channelName = Channels.nameOf(force, target.medium());
        Channel channel;
        String providerReference;
        StatusLinks.Issued link = null;
        try {
            if (target.contact() != null && message.deviceId() != null) {
                link = statusLinks.issue(target.contact(), message.deviceId(), message.force(), message.id());
            }
            RenderedMessage rendered = render(message, force, target.language(), link);
            channel = channels.choose(force, target.medium());
            providerReference = channel.send(new Delivery(target.medium(), target.address(), rendered,
                    message.id().toString()));
        } catch (DeliveryFailure failure) {
            discard(link);
            failed(message, channelName, failure.getMessage(), failure.permanent());
            return;
        } catch (RuntimeException renderingOrChannel) {
            discard(link);
            failed(message, channelName, DeliveryFailure.scrub(renderingOrChannel.getClass().getSimpleName() + ": "
                    + renderingOrChannel.getMessage()), renderingOrChannel instanceof IllegalArgumentException
                    || renderingOrChannel.getClass().getSimpleName().equals("InvalidTemplate"));
            return;
        }
        // Sent: from here on a failure must not count as a failed delivery. Should the bookkeeping itself fail, the
        // lease runs out and the message goes again: at least once, never silently lost.
        Instant sentAt = clock.instant();
        sendLog.sent(message.id(), sentAt, channel.name(),
                target.recordedChannel() == null ? null : target.recordedChannel().name(),
                target.language().code(), providerReference, message.toVictim(), sentAt.plus(properties.lease()));
        metrics.sent(channel.name(), message.template().fileName());
        if (message.toVictim()) {
            record(message, sentAt, target.recordedChannel(), target.language());
        }
    }

    /** A link whose message did not go is forgotten; if even that fails, it is a link nobody holds. */
    private void discard(StatusLinks.Issued link) {
        try {
            statusLinks.discard(link);
        } catch (RuntimeException e) {
            log.warn("An unsent status link could not be forgotten: {}", e.getClass().getSimpleName());
        }
    }

    private RenderedMessage render(OutgoingMessage message, NotifierProperties.Force force, MessageLanguage language,
                                   StatusLinks.Issued link) {
        Map<String, Object> values = new HashMap<>();
        if (link != null) {
            values.put("statusLink", link.url());
        }
        Map<String, String> params = message.params();
        values.put("forceName", new Localised(force.nameEn(), force.nameCy()));
        values.put("contactNumber", force.contactNumber());
        if (message.deviceId() != null) {
            values.put("reference", TrackedDevice.victimReference(message.deviceId()));
            values.put("deviceId", message.deviceId().toString());
        }
        params.forEach((name, value) -> values.put(name, switch (name) {
            case "retainedUntil" -> LocalDate.parse(value);
            case "dueAt", "raisedAt" -> Instant.parse(value);
            case "severity" -> AlertTexts.severity(AlertRule.valueOf(params.get("rule")), AlertSeverity.valueOf(value));
            case "ownerRole" -> AlertTexts.owner(OwnerRole.valueOf(value));
            default -> value;
        }));
        if (params.containsKey("rule")) {
            AlertRule rule = AlertRule.valueOf(params.get("rule"));
            values.put("ruleName", rule.name());
            values.put("ruleDescription", AlertTexts.describe(rule));
        }
        if (message.template().allowed().contains("expectedReturn") && message.deviceId() != null) {
            expectedReturns.of(message.deviceId()).ifPresent(estimate -> {
                values.put("expectedReturn", "yes");
                values.put("expectedLikely", estimate.likely());
                values.put("expectedEarliest", estimate.earliest());
                values.put("expectedLatest", estimate.latest());
            });
        }
        return renderer.render(message.template(), language, values);
    }

    private void skip(OutgoingMessage message, String reason) {
        sendLog.skipped(message.id(), clock.instant(), reason);
        metrics.skipped(message.template().fileName(), reason);
    }

    private void failed(OutgoingMessage message, String channel, String reason, boolean permanent) {
        int attempts = message.attempts() + 1;
        String template = message.template().fileName();
        metrics.failed(channel, template);
        if (!permanent && attempts < properties.maxAttempts()) {
            Instant next = clock.instant().plus(backoff(attempts));
            sendLog.retryLater(message.id(), attempts, next, reason);
            metrics.retried(channel, template);
            log.warn("Message {} ({}) failed on attempt {}, retrying at {}: {}", message.id(), template, attempts,
                    next, reason);
            return;
        }
        try {
            deadLetters.publish(message.sourceTopic() == null ? "notifier" : message.sourceTopic(),
                    message.sourceKey(), message.sourceValue(), template + ": " + reason, attempts);
        } catch (RuntimeException kafkaDown) {
            // Kept, and parked again on the next round: nothing is lost while Kafka is away.
            sendLog.retryLater(message.id(), Math.max(attempts - 1, 0), clock.instant().plus(backoff(1)),
                    reason + " (dead-lettering pending)");
            log.warn("Message {} could not be dead-lettered yet: {}", message.id(), kafkaDown.toString());
            return;
        }
        sendLog.dead(message.id(), clock.instant(), attempts, reason);
        metrics.deadLettered(channel, template);
        log.error("Message {} ({}) dead-lettered after {} attempt(s): {}", message.id(), template, attempts, reason);
    }

    private void record(OutgoingMessage message) {
        record(message, message.settledAt(), NotificationChannel.valueOf(message.recordedChannel()),
                message.language() == null ? MessageLanguage.BILINGUAL : MessageLanguage.parse(message.language()));
    }

    private void record(OutgoingMessage message, Instant sentAt, NotificationChannel channel, MessageLanguage language) {
        VictimNotifiedRecorder.Result result = recorder.record(message, sentAt, channel, language.recorded());
        int attempts = message.recordAttempts() + 1;
        switch (result.outcome()) {
            case RECORDED -> sendLog.recorded(message.id());
            case REJECTED -> {
                sendLog.recordFailed(message.id(), attempts, DeliveryFailure.scrub(result.reason()));
                log.info("Message {} was delivered but its VictimNotified was refused: {}", message.id(),
                        result.reason());
            }
            case RETRY -> {
                if (attempts >= properties.maxAttempts() * 4) {
                    sendLog.recordFailed(message.id(), attempts, result.reason());
                    log.error("Message {} was delivered but VictimNotified could not be recorded: {}", message.id(),
                            result.reason());
                } else {
                    Duration wait = backoff(attempts).compareTo(RECORD_BACKOFF_MAX) > 0 ? RECORD_BACKOFF_MAX
                            : backoff(attempts);
                    sendLog.recordLater(message.id(), attempts, clock.instant().plus(wait), result.reason());
                }
            }
        }
    }

    Duration backoff(int failedAttempts) {
        Duration wait = properties.retryBackoff();
        for (int i = 1; i < failedAttempts && wait.compareTo(properties.retryBackoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.retryBackoffMax()) > 0 ? properties.retryBackoffMax() : wait;
    }
}
