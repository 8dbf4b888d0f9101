package dev.custody.notifier.support;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What GreenMail received for one address, decoded. */
public final class Mailbox {

    public record Mail(String to, String subject, String body, String reference) {
    }

    private Mailbox() {
    }

    public static List<Mail> to(String address) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : Infra.mail().getReceivedMessages()) {
            try {
                String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
                if (to.equalsIgnoreCase(address)) {
                    String[] ref = message.getHeader("X-Custody-Reference");
                    mails.add(new Mail(to, message.getSubject(), message.getContent().toString().replace("\r\n", "\n"),
                            ref == null ? null : ref[0]));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }
}
