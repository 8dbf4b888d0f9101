package dev.custody.notifier.channel;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierProperties.EmailVia;
import dev.custody.notifier.NotifierRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import uk.gov.service.notify.NotificationClient;

import java.util.List;

/**
 * Picks the way out for a message: email by the force's chosen route (its SMTP relay or GOV.UK Notify), text messages
 * always by Notify. A route that is not configured fails permanently, so the message is dead-lettered and visible.
 */
@Component
@NotifierRole
public class Channels {

    /** Every channel's name, as in the send log and the metrics' {@code channel} tag. */
    public static final String SMTP = "smtp";
    public static final String NOTIFY_EMAIL = "notify-email";
    public static final String NOTIFY_SMS = "notify-sms";
    public static final List<String> NAMES = List.of(SMTP, NOTIFY_EMAIL, NOTIFY_SMS);

    private final SmtpEmail smtp;
    private final GovUkNotify notify;

    Channels(ObjectProvider<JavaMailSender> mailSender, NotifierProperties properties) {
        this.smtp = new SmtpEmail(mailSender, properties.mailFrom());
        NotifierProperties.Notify n = properties.govUkNotify();
        this.notify = n.configured()
                ? new GovUkNotify(new NotificationClient(n.apiKey(), n.baseUrl()), n.emailTemplateId(), n.smsTemplateId())
                : null;
    }

    public Channel choose(NotifierProperties.Force force, Delivery.Medium medium) throws DeliveryFailure {
        if (medium == Delivery.Medium.EMAIL && force.emailVia() == EmailVia.SMTP) {
            return smtp;
        }
        if (notify == null) {
            throw new DeliveryFailure("GOV.UK Notify is not configured (custody.notifier.gov-uk-notify.api-key)", true, null);
        }
        return medium == Delivery.Medium.EMAIL ? notify.email() : notify.sms();
    }

    /** The channel's metric name before it is known to work. */
    public static String nameOf(NotifierProperties.Force force, Delivery.Medium medium) {
        if (medium == Delivery.Medium.SMS) {
            return NOTIFY_SMS;
        }
        return force.emailVia() == EmailVia.SMTP ? SMTP : NOTIFY_EMAIL;
    }
}
