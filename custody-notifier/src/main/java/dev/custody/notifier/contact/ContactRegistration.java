package dev.custody.notifier.contact;

import dev.custody.edge.Bounds;
import dev.custody.edge.NotFound;
import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.Text;
import dev.custody.notifier.NotifierRole;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import dev.custody.values.Language;
import org.springframework.stereotype.Service;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registering a person's contact details in the vault, with the checks every way in shares: the REST API's
 * {@code PUT /api/v1/contacts/{reference}} and the officer's seizure pages. Details of another force under the same
 * reference answer as not found.
 */
@Service
@NotifierRole
public class ContactRegistration {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UK_MOBILE = Pattern.compile("(\\+447|07)\\d{9}");

    /**
     * Contact details as a person gives them.
     *
     * @param language      {@code en}, {@code cy}, or absent / {@code unknown} for bilingual messages
     * @param safeToContact false: do not contact (nothing is ever sent)
     * @param safeHours     absent means any time
     */
    public record Details(ContactChannel channel, String address, String language, Boolean safeToContact,
                          SafeHoursText safeHours) {
    }

    /** @param from {@code HH:mm} local time; {@code until} likewise; zone defaults to Europe/London */
    public record SafeHoursText(String from, String until, String zone) {
    }

    /** The details checked, or every problem with them, each under its field's name. */
    public record Checked(Contact contact, List<FieldError> problems) {
    }

    private final ContactVault vault;

    ContactRegistration(ContactVault vault) {
        this.vault = vault;
    }

    /** Checks the details without storing anything; the contact is of {@code actor}'s force. */
    public Checked check(String contactReference, Details details, Actor actor) {
        requireForce(actor);
        List<FieldError> errors = new ArrayList<>();
        ContactReference reference = reference(contactReference, errors);
        if (details.channel() == null) {
            errors.add(new FieldError("channel", "must not be null"));
        }
        if (details.safeToContact() == null) {
            errors.add(new FieldError("safeToContact", "must not be null"));
        }
        // The REST API's ContactRequest has the same bounds as Bean Validation; a page's form reaches only this.
        line("address", details.address(), Bounds.EMAIL, errors);
        line("language", details.language(), Bounds.REFERENCE, errors);
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        Language language = language(details.language(), errors);
        SafeHours safeHours = safeHours(details.safeHours(), errors);
        String address = details.channel() == null ? null : address(details.channel(), details.address(), errors);
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new Contact(reference, actor.force(), details.channel(), address, language,
                details.safeToContact(), safeHours, null), List.of());
    }

    /**
     * Stores the details under the reference, for the actor's force.
     *
     * @return true when they are new
     * @throws Problem 422 {@code invalid-contact} naming every bad field; 404 when another force holds the reference
     */
    public boolean register(String contactReference, Details details, Actor actor) {
        Checked checked = check(contactReference, details, actor);
        if (!checked.problems().isEmpty()) {
            throw Problem.unprocessable("invalid-contact", checked.problems().size()
                    + " field(s) are missing or invalid", checked.problems());
        }
        Contact contact = checked.contact();
        Optional<Contact> existing = vault.find(contact.reference());
        if (existing.isPresent() && !actor.canSee(existing.get().force())) {
            throw NotFound.contact(contact.reference().value());
        }
        return vault.save(contact, actor);
    }

    /** A reference is one line of text, as on the seizure that names it. */
    static Optional<ContactReference> parse(String value) {
        if (Text.refusal(value, false) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContactReference(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static ContactReference reference(String value, List<FieldError> errors) {
        Optional<ContactReference> reference = parse(value);
        if (reference.isEmpty()) {
            errors.add(new FieldError("contactReference", "must be one line of 1 to " + Bounds.REFERENCE + " characters"));
        }
        return reference.orElse(null);
    }

    private static void line(String field, String value, int max, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        String refusal = value.length() > max ? "must be at most " + max + " characters" : Text.refusal(value, false);
        if (refusal != null) {
            errors.add(new FieldError(field, refusal));
        }
    }

    private static Language language(String value, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("unknown")) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "en" -> Language.EN;
            case "cy" -> Language.CY;
            default -> {
                errors.add(new FieldError("language", "must be en, cy or unknown"));
                yield null;
            }
        };
    }

    private static SafeHours safeHours(SafeHoursText request, List<FieldError> errors) {
        if (request == null) {
            return null;
        }
        try {
            if (request.from() == null || request.until() == null) {
                errors.add(new FieldError("safeHours", "give both from and until as HH:mm"));
                return null;
            }
            return new SafeHours(LocalTime.parse(request.from()), LocalTime.parse(request.until()),
                    request.zone() == null ? SafeHours.LONDON : ZoneId.of(request.zone()));
        } catch (DateTimeException e) {
            errors.add(new FieldError("safeHours", "from and until must be HH:mm and zone a time zone such as Europe/London"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("safeHours", e.getMessage()));
        }
        return null;
    }

    /** The address must fit the channel; none is kept for NONE, since it would never be used. */
    private static String address(ContactChannel channel, String address, List<FieldError> errors) {
        if (channel == ContactChannel.NONE) {
            return null;
        }
        String trimmed = address == null ? "" : address.strip();
        if (channel.isEmail() && !EMAIL.matcher(trimmed).matches()) {
            errors.add(new FieldError("address", channel == ContactChannel.VIA_ISVA
                    ? "must be the ISVA's email address" : "must be an email address"));
        }
        if (channel == ContactChannel.SMS) {
            trimmed = trimmed.replace(" ", "");
            if (!UK_MOBILE.matcher(trimmed).matches()) {
                errors.add(new FieldError("address", "must be a UK mobile number such as 07700 900123"));
            }
        }
        return trimmed;
    }

    static void requireForce(Actor actor) {
        if (actor.force() == null) {
            throw Problem.forbidden("force-required", "Only a user attached to a force can manage contacts");
        }
    }
}
