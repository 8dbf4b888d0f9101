package dev.custody.notifier.channel;

/** A way out: SMTP email, or GOV.UK Notify email or text message. */
public interface Channel {

    /** A short name for metrics and the send log: {@code smtp}, {@code notify-email}, {@code notify-sms}. */
    String name();

    /** Sends, and returns the provider's id for the message. */
    String send(Delivery delivery) throws DeliveryFailure;
}
