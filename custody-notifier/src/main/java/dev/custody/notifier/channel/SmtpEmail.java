package dev.custody.notifier.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;

/** Email through the force's SMTP relay (Spring Mail, {@code spring.mail.*}), as UTF-8 plain text. */
public class SmtpEmail implements Channel {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;

    public SmtpEmail(ObjectProvider<JavaMailSender> mailSender, String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    @Override
    public String name() {
        return Channels.SMTP;
    }

    @Override
    public String send(Delivery delivery) throws DeliveryFailure {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailure("smtp not configured (spring.mail.host)", true, null);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(delivery.address());
            helper.setSubject(delivery.message().subject());
            helper.setText(delivery.message().body(), false);
            mime.setHeader("X-Custody-Reference", delivery.reference());
            sender.send(mime);
            String messageId = mime.getMessageID();
            return messageId == null ? delivery.reference() : messageId;
        } catch (MailParseException | MessagingException e) {
            throw new DeliveryFailure("smtp refused the message: " + e.getClass().getSimpleName(), true, null);
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailure("smtp authentication failed", false, null);
        } catch (MailException e) {
            throw new DeliveryFailure("smtp: " + e.getClass().getSimpleName() + " " + rootMessage(e), false, null);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
