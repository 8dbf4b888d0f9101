package dev.custody.notifier.contact;

import dev.custody.edge.Bounds;
import dev.custody.edge.Line;
import dev.custody.edge.NotFound;
import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.Text;
import dev.custody.notifier.NotifierRole;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import dev.custody.values.Language;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contact vault over HTTP: officers and supervisors of the device's force register, read, change and erase a
 * person's contact details under the reference they put on the seizure. A person who chose to hear through their
 * ISVA is registered with channel VIA_ISVA and the ISVA's own email address. Details of another force are reported
 * as not found, so their existence is not revealed.
 */
@RestController
@RequestMapping("/api/v1/contacts")
@NotifierRole
class ContactController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UK_MOBILE = Pattern.compile("(\\+447|07)\\d{9}");

    /**
     * @param language  {@code en}, {@code cy}, or absent / {@code unknown} for bilingual messages
     * @param safeHours absent means any time
     */
    record ContactRequest(@NotNull ContactChannel channel, @Size(max = Bounds.EMAIL) @Line String address,
                          @Size(max = Bounds.REFERENCE) @Line String language,
                          @NotNull Boolean safeToContact, @Valid SafeHoursRequest safeHours) {
    }

    /** @param from {@code HH:mm} local time; {@code until} likewise; zone defaults to Europe/London */
    record SafeHoursRequest(@Size(max = Bounds.REFERENCE) @Line String from,
                            @Size(max = Bounds.REFERENCE) @Line String until,
                            @Size(max = Bounds.REFERENCE) @Line String zone) {
    }

    record ContactResponse(String contactReference, ContactChannel channel, String address, String language,
                           boolean safeToContact, SafeHoursRequest safeHours, Instant eraseAfter) {
        static ContactResponse of(Contact c) {
            return new ContactResponse(c.reference().value(), c.channel(), c.address(),
                    c.language() == null ? "unknown" : c.language().name().toLowerCase(Locale.ROOT),
                    c.safeToContact(), c.safeHours() == null ? null : new SafeHoursRequest(
                    c.safeHours().from().toString(), c.safeHours().until().toString(), c.safeHours().zone().getId()),
                    c.eraseAfter());
        }
    }

    private final ContactVault vault;

    ContactController(ContactVault vault) {
        this.vault = vault;
    }

    @PutMapping("/{contactReference}")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    ResponseEntity<ContactResponse> put(@PathVariable String contactReference,
                                        @Valid @RequestBody ContactRequest request, Actor actor) {
        requireForce(actor);
        List<FieldError> errors = new ArrayList<>();
        ContactReference reference = reference(contactReference, errors);
        Language language = language(request.language(), errors);
        SafeHours safeHours = safeHours(request.safeHours(), errors);
        String address = address(request.channel(), request.address(), errors);
        if (!errors.isEmpty()) {
            throw Problem.unprocessable("invalid-contact", errors.size() + " field(s) are missing or invalid", errors);
        }
        Optional<Contact> existing = vault.find(reference);
        if (existing.isPresent() && !actor.canSee(existing.get().force())) {
            throw NotFound.contact(reference.value());
        }
        Contact contact = new Contact(reference, actor.force(), request.channel(), address, language,
                request.safeToContact(), safeHours, null);
        boolean created = vault.save(contact, actor);
        ContactResponse body = ContactResponse.of(vault.find(reference).orElseThrow());
        return created
                ? ResponseEntity.created(URI.create("/api/v1/contacts/" + reference.value())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/{contactReference}")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    ContactResponse get(@PathVariable String contactReference, Actor actor) {
        ContactReference reference = visible(contactReference, actor);
        return vault.read(reference, actor).map(ContactResponse::of)
                .orElseThrow(() -> NotFound.contact(reference.value()));
    }

    /** Erasure on the person's request: the row is deleted, and anything still waiting to be sent is dropped. */
    @DeleteMapping("/{contactReference}")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    ResponseEntity<Void> erase(@PathVariable String contactReference, Actor actor) {
        vault.erase(visible(contactReference, actor), actor);
        return ResponseEntity.noContent().build();
    }

    /** The reference of contact details the caller's force holds; any other answers as unknown. */
    private ContactReference visible(String contactReference, Actor actor) {
        requireForce(actor);
        ContactReference reference = parse(contactReference).orElseThrow(() -> NotFound.contact(null));
        vault.find(reference).filter(c -> actor.canSee(c.force()))
                .orElseThrow(() -> NotFound.contact(reference.value()));
        return reference;
    }

    /** A reference is one line of text, as on the seizure that names it. */
    private static Optional<ContactReference> parse(String value) {
        if (Text.refusal(value, false) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContactReference(value));
        } catch (IllegalArgumentException e) {
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

    private static SafeHours safeHours(SafeHoursRequest request, List<FieldError> errors) {
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

    private static void requireForce(Actor actor) {
        if (actor.force() == null) {
            throw Problem.forbidden("force-required", "Only a user attached to a force can manage contacts");
        }
    }
}
