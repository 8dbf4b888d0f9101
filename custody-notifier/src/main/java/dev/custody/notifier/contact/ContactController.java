package dev.custody.notifier.contact;

import dev.custody.edge.Bounds;
import dev.custody.edge.Line;
import dev.custody.edge.NotFound;
import dev.custody.notifier.NotifierRole;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The contact vault over HTTP: officers and supervisors of the device's force register, read, change and erase a
 * person's contact details under the reference they put on the seizure. A person who chose to hear through their
 * ISVA is registered with channel VIA_ISVA and the ISVA's own email address. Details of another force are reported
 * as not found, so their existence is not revealed.
 */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "The erasable contact vault: how to reach a device's owner")
@NotifierRole
class ContactController {

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
    private final ContactRegistration registration;

    ContactController(ContactVault vault, ContactRegistration registration) {
        this.vault = vault;
        this.registration = registration;
    }

    @PutMapping("/{contactReference}")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    @Operation(summary = "Store or replace the contact details a seizure's contactReference names",
            description = "Kept outside the event store, so they can be erased. A reference another force holds "
                    + "answers 404, as an unknown one.")
    @ApiResponse(responseCode = "201", description = "Stored for the first time", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "422", description = "A field is invalid for its channel (invalid-contact): an "
            + "address that is not an email or phone number, an unknown language, safe hours that are not HH:mm")
    ResponseEntity<ContactResponse> put(@PathVariable String contactReference,
                                        @Valid @RequestBody ContactRequest request,
                                        @Parameter(hidden = true) Actor actor) {
        SafeHoursRequest hours = request.safeHours();
        boolean created = registration.register(contactReference, new ContactRegistration.Details(request.channel(),
                request.address(), request.language(), request.safeToContact(), hours == null ? null
                : new ContactRegistration.SafeHoursText(hours.from(), hours.until(), hours.zone())), actor);
        ContactReference reference = new ContactReference(contactReference);
        ContactResponse body = ContactResponse.of(vault.find(reference).orElseThrow());
        return created
                ? ResponseEntity.created(URI.create("/api/v1/contacts/" + reference.value())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/{contactReference}")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    @Operation(summary = "The contact details under a reference, for the caller's force")
    ContactResponse get(@PathVariable String contactReference, @Parameter(hidden = true) Actor actor) {
        ContactReference reference = visible(contactReference, actor);
        return vault.read(reference, actor).map(ContactResponse::of)
                .orElseThrow(() -> NotFound.contact(reference.value()));
    }

    /** Erasure on the person's request: the row is deleted, and anything still waiting to be sent is dropped. */
    @DeleteMapping("/{contactReference}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    @Operation(summary = "Erase the contact details, on the person's request",
            description = "Anything still waiting to be sent to them is dropped.")
    ResponseEntity<Void> erase(@PathVariable String contactReference, @Parameter(hidden = true) Actor actor) {
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
        return ContactRegistration.parse(value);
    }

    private static void requireForce(Actor actor) {
        ContactRegistration.requireForce(actor);
    }
}
