package dev.custody.server.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process SMTP server (GreenMail) for the whole test JVM, so the shared server context can send real email
 * without a second context. Tests read only the mail sent to their own addresses.
 */
public final class TestMail {

    /**
     * One received email, decoded. {@code reference} is the notifier's {@code X-Custody-Reference} header: the id of
     * the send-log row the mail was sent for (null if absent).
     */
    public record Mail(String to, String subject, String body, String reference) {
    }

    private static GreenMail greenMail;

    private TestMail() {
    }

    public static synchronized int smtpPort() {
        if (greenMail == null) {
            greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            greenMail.start();
        }
        return greenMail.getSmtp().getPort();
    }

    public static List<Mail> to(String address) {
        smtpPort();
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
                if (to.equalsIgnoreCase(address)) {
                    String[] reference = message.getHeader("X-Custody-Reference");
                    mails.add(new Mail(to, message.getSubject(), message.getContent().toString(),
                            reference == null ? null : reference[0]));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }
}
