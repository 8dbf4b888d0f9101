package dev.custody.notifier.template;

/** A message ready to send: a subject for email, and a plain-text body for email and text message alike. */
public record RenderedMessage(String subject, String body) {
}
