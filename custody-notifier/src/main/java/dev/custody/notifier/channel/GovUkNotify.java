package dev.custody.notifier.channel;

import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

import java.util.Map;

/**
 * GOV.UK Notify, through its Java client. Custody renders its own bilingual text, so the Notify service needs one
 * email template whose subject is {@code ((subject))} and body {@code ((body))}, and one text message template whose
 * body is {@code ((body))}.
 */
public class GovUkNotify {

    private final NotificationClient client;
    private final String emailTemplateId;
    private final String smsTemplateId;

    public GovUkNotify(NotificationClient client, String emailTemplateId, String smsTemplateId) {
        this.client = client;
        this.emailTemplateId = emailTemplateId;
        this.smsTemplateId = smsTemplateId;
    }

    public Channel email() {
        return new Channel() {
            @Override
            public String name() {
                return Channels.NOTIFY_EMAIL;
            }

            @Override
            public String send(Delivery d) throws DeliveryFailure {
                if (emailTemplateId == null) {
                    throw new DeliveryFailure("notify email template id not configured", true, null);
                }
                try {
                    return client.sendEmail(emailTemplateId, d.address(),
                                    Map.of("subject", d.message().subject(), "body", d.message().body()), d.reference())
                            .getNotificationId().toString();
                } catch (NotificationClientException e) {
                    throw failure(e);
                }
            }
        };
    }

    public Channel sms() {
        return new Channel() {
            @Override
            public String name() {
                return Channels.NOTIFY_SMS;
            }

            @Override
            public String send(Delivery d) throws DeliveryFailure {
                if (smsTemplateId == null) {
                    throw new DeliveryFailure("notify sms template id not configured", true, null);
                }
                try {
                    return client.sendSms(smsTemplateId, d.address(), Map.of("body", d.message().body()), d.reference())
                            .getNotificationId().toString();
                } catch (NotificationClientException e) {
                    throw failure(e);
                }
            }
        };
    }

    /** Notify's 400 and 403 will not change on a retry; 429 (rate limit) and 5xx will, as will a network error. */
    private static DeliveryFailure failure(NotificationClientException e) {
        int status = e.getHttpResult();
        boolean permanent = status == 400 || status == 403;
        return new DeliveryFailure("notify " + (status == 0 ? "unreachable" : "status " + status) + ": "
                + e.getMessage(), permanent, null);
    }
}
