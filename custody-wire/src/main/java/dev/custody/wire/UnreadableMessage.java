package dev.custody.wire;

/** A record that is not a readable CloudEvent of the contract: retrying cannot help. Says why, never the content. */
public class UnreadableMessage extends RuntimeException {

    public UnreadableMessage(String reason) {
        super(reason);
    }

    public UnreadableMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
