package dev.custody.notifier.contact;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.tracking.TrackedDevices;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.custody.notifier.Sql.instant;
import static dev.custody.notifier.Sql.ts;

/**
 * The contact vault: the only place personal contact details are kept. Erasure deletes the row, so nothing of the
 * details is left to recover. Every change is audited by who, when and what kind of change, never by content.
 */
@Service
@NotifierRole
public class ContactVault {

    /** An audit line: the kinds of change, never the details. */
    public record AuditEntry(ContactReference reference, String action, String changed, String actorId,
                             String actorForce, Instant at) {
    }

    public static final String SYSTEM_ACTOR = "custody-notifier";

    private static final Logger log = LoggerFactory.getLogger(ContactVault.class);

    private static final RowMapper<Contact> ROW = (rs, i) -> new Contact(
            new ContactReference(rs.getString("contact_reference")),
            new ForceCode(rs.getString("force")),
            ContactChannel.valueOf(rs.getString("channel")),
            rs.getString("address"),
            rs.getString("language") == null ? null : Language.valueOf(rs.getString("language").toUpperCase()),
            rs.getBoolean("safe_to_contact"),
            rs.getObject("safe_from") == null ? null : new SafeHours(rs.getObject("safe_from", LocalTime.class),
                    rs.getObject("safe_until", LocalTime.class), ZoneId.of(rs.getString("safe_zone"))),
            instant(rs, "erase_after"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TrackedDevices devices;
    private final Clock clock;
    private final ErasurePolicy erasure;
    private final ApplicationEventPublisher events;

    ContactVault(NamedParameterJdbcTemplate jdbc, TrackedDevices devices, Clock clock, NotifierProperties properties,
                 ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.clock = clock;
        this.erasure = new ErasurePolicy(properties.eraseAfterReturn());
        this.events = events;
    }

    public Optional<Contact> find(ContactReference reference) {
        return jdbc.query("select * from notifier_contact where contact_reference = :ref",
                new MapSqlParameterSource("ref", reference.value()), ROW).stream().findFirst();
    }

    /** The outcome of looking up who to tell about a device. */
    public sealed interface Recipient {
        /** Details registered by the device's own force. */
        record Found(Contact contact) implements Recipient {
        }

        /** No details under the reference. */
        record Unknown() implements Recipient {
        }

        /** The reference was registered by another force: its details must not be used for this device. */
        record OtherForce(ForceCode registeredBy) implements Recipient {
        }
    }

    /**
     * The details to use for a device of {@code deviceForce}. Contacts belong to the force that registered them: a
     * contact of another force is refused, so claiming a reference another force put on its seizure cannot redirect
     * that force's messages.
     */
    public Recipient recipientFor(ContactReference reference, ForceCode deviceForce) {
        Optional<Contact> contact = find(reference);
        if (contact.isEmpty()) {
            return new Recipient.Unknown();
        }
        return contact.get().belongsTo(deviceForce) ? new Recipient.Found(contact.get())
                : new Recipient.OtherForce(contact.get().force());
    }

    /** A read by a person, audited as such. */
    @Transactional
    public Optional<Contact> read(ContactReference reference, Actor actor) {
        Optional<Contact> contact = find(reference);
        contact.ifPresent(c -> audit(reference, "READ", null, actor.id(), force(actor)));
        return contact;
    }

    /** Creates or replaces the details; true when they are new. The erasure date follows the linked devices. */
    @Transactional
    public boolean save(Contact contact, Actor actor) {
        Instant now = clock.instant();
        Optional<Contact> before = find(contact.reference());
        Instant eraseAfter = erasure.eraseAfter(holdings(contact.reference(), contact.force()), now).orElse(null);
        jdbc.update("""
                insert into notifier_contact (contact_reference, force, channel, address, language, safe_to_contact,
                    safe_from, safe_until, safe_zone, created_at, updated_at, erase_after)
                values (:ref, :force, :channel, :address, :language, :safe, :from, :until, :zone, :now, :now, :erase)
                on conflict (contact_reference) do update set channel = excluded.channel, address = excluded.address,
                    language = excluded.language, safe_to_contact = excluded.safe_to_contact,
                    safe_from = excluded.safe_from, safe_until = excluded.safe_until, safe_zone = excluded.safe_zone,
                    updated_at = excluded.updated_at, erase_after = excluded.erase_after
                """, new MapSqlParameterSource()
                .addValue("ref", contact.reference().value())
                .addValue("force", contact.force().value())
                .addValue("channel", contact.channel().name())
                .addValue("address", contact.address())
                .addValue("language", contact.language() == null ? null : contact.language().name().toLowerCase())
                .addValue("safe", contact.safeToContact())
                .addValue("from", contact.safeHours() == null ? null : contact.safeHours().from())
                .addValue("until", contact.safeHours() == null ? null : contact.safeHours().until())
                .addValue("zone", contact.safeHours() == null ? null : contact.safeHours().zone().getId())
                .addValue("now", ts(now))
                .addValue("erase", ts(eraseAfter)));
        audit(contact.reference(), before.isPresent() ? "UPDATED" : "CREATED",
                before.map(b -> changes(b, contact)).orElse("channel,address,language,safety,safe-hours"),
                actor.id(), force(actor));
        return before.isEmpty();
    }

    /** Erasure on the person's request. */
    @Transactional
    public boolean erase(ContactReference reference, Actor actor) {
        return erase(reference, "ERASED_ON_REQUEST", actor.id(), force(actor));
    }

    /** Re-plans a contact's automatic erasure after one of its devices was seized or returned. */
    @Transactional
    public void rescheduleErasure(ContactReference reference) {
        Optional<Contact> contact = find(reference);
        if (contact.isEmpty()) {
            return;
        }
        Instant eraseAfter = erasure.eraseAfter(holdings(reference, contact.get().force()), clock.instant()).orElse(null);
        if (Objects.equals(eraseAfter, contact.get().eraseAfter())) {
            return;
        }
        jdbc.update("update notifier_contact set erase_after = :erase where contact_reference = :ref",
                new MapSqlParameterSource().addValue("ref", reference.value()).addValue("erase", ts(eraseAfter)));
        audit(reference, eraseAfter == null ? "ERASURE_CANCELLED" : "ERASURE_SCHEDULED", null, SYSTEM_ACTOR, null);
    }

    /** Erases every contact whose time has come; returns how many. */
    @Transactional
    public int eraseDue() {
        List<String> due = jdbc.queryForList(
                "select contact_reference from notifier_contact where erase_after <= :now for update skip locked",
                new MapSqlParameterSource("now", ts(clock.instant())), String.class);
        for (String reference : due) {
            erase(new ContactReference(reference), "ERASED_AFTER_RETURN", SYSTEM_ACTOR, null);
        }
        return due.size();
    }

    public List<AuditEntry> audit(ContactReference reference) {
        return jdbc.query("select * from notifier_contact_audit where contact_reference = :ref order by id",
                new MapSqlParameterSource("ref", reference.value()), (rs, i) -> new AuditEntry(reference,
                        rs.getString("action"), rs.getString("changed"), rs.getString("actor_id"),
                        rs.getString("actor_force"), instant(rs, "at")));
    }

    private boolean erase(ContactReference reference, String action, String actorId, String actorForce) {
        int deleted = jdbc.update("delete from notifier_contact where contact_reference = :ref",
                new MapSqlParameterSource("ref", reference.value()));
        if (deleted == 0) {
            return false;
        }
        audit(reference, action, null, actorId, actorForce);
        log.info("Contact {} erased ({})", reference, action);
        events.publishEvent(new ContactErased(reference, action));
        return true;
    }

    /** The devices the details serve: those of the registering force; another force's device never holds them. */
    private List<ErasurePolicy.Holding> holdings(ContactReference reference, ForceCode owner) {
        return devices.linkedTo(reference).stream().filter(d -> owner.equals(d.force()))
                .map(d -> new ErasurePolicy.Holding(d.returnedAt())).toList();
    }

    void audit(ContactReference reference, String action, String changed, String actorId, String actorForce) {
        jdbc.update("""
                insert into notifier_contact_audit (contact_reference, action, changed, actor_id, actor_force, at)
                values (:ref, :action, :changed, :actor, :force, :at)
                """, new MapSqlParameterSource().addValue("ref", reference.value()).addValue("action", action)
                .addValue("changed", changed).addValue("actor", actorId).addValue("force", actorForce)
                .addValue("at", ts(clock.instant())));
    }

    private static String force(Actor actor) {
        return actor.force() == null ? null : actor.force().value();
    }

    /** Which kinds of detail changed, e.g. {@code address,language}; the values themselves are never written. */
    static String changes(Contact before, Contact after) {
        List<String> changed = new ArrayList<>();
        if (before.channel() != after.channel()) {
            changed.add("channel");
        }
        if (!Objects.equals(before.address(), after.address())) {
            changed.add("address");
        }
        if (before.language() != after.language()) {
            changed.add("language");
        }
        if (before.safeToContact() != after.safeToContact()) {
            changed.add("safety");
        }
        if (!Objects.equals(before.safeHours(), after.safeHours())) {
            changed.add("safe-hours");
        }
        return changed.isEmpty() ? "none" : String.join(",", changed);
    }
}
