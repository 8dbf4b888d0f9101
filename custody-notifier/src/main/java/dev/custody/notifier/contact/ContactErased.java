package dev.custody.notifier.contact;

import dev.custody.values.ContactReference;

/** Published after a contact's details were erased, so that nothing still waiting is sent. */
public record ContactErased(ContactReference reference, String why) {
}
