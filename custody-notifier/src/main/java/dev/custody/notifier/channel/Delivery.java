package dev.custody.notifier.channel;

import dev.custody.notifier.template.RenderedMessage;

/**
 * One message to one address. Lives only in memory while it is sent: the address is never logged or stored outside
 * the vault.
 *
 * @param reference the send-log id, given to the provider as its reference
 */
public record Delivery(Medium medium, String address, RenderedMessage message, String reference) {

    public enum Medium {
        EMAIL,
        SMS
    }

    @Override
    public String toString() {
        return "Delivery[" + medium + ", ref=" + reference + "]";
    }
}
