package dev.custody.notifier.contact;

import dev.custody.edge.NotFound;
import dev.custody.edge.Problem;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.StatusLinkProperties;
import dev.custody.notifier.tracking.TrackedDevice;
import dev.custody.notifier.tracking.TrackedDevices;
import dev.custody.values.Actor;
import dev.custody.values.ContactReference;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.Role;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.custody.notifier.Sql.ts;

/**
 * Links to the victim's status page, kept in the vault beside the contact details they serve. Every victim message
 * mints a link of its own ({@link #issue}); the vault keeps only its token's SHA-256 hash, the contact, the device
 * and when it stops working. A link works ({@link #resolve}) while all of these hold:
 * <ul>
 *   <li>its contact's details are still in the vault, registered by the device's force (erasure deletes the links
 *       with the details, in the same statement);</li>
 *   <li>no officer or supervisor withdrew the device's links ({@link #revoke});</li>
 *   <li>the device came back less than {@code expire-after-return} ago, or is still held;</li>
 *   <li>the device is still linked to that contact (a re-seizure for someone else does not show them).</li>
 * </ul>
 * Anything else is the same "no such link" as a token that was never issued.
 */
@Service
@NotifierRole
public class StatusLinks {

    /** A link just minted: the token goes into the message and nowhere else. */
    public record Issued(String token, String url) {
        @Override
        public String toString() {
            return "Issued[token hidden]";
        }
    }

    /** What a working link shows: one device, for one contact of its force. */
    public record Target(DeviceId deviceId, ContactReference contact, ForceCode force) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TrackedDevices devices;
    private final ContactVault vault;
    private final StatusLinkProperties properties;
    private final Clock clock;

    StatusLinks(NamedParameterJdbcTemplate jdbc, TrackedDevices devices, ContactVault vault,
                StatusLinkProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.vault = vault;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A new link for the message {@code messageId} about {@code deviceId} to {@code contact}. Committed before the
     * message goes, so the link works when it arrives. A link for a device already returned is born with its
     * expiry.
     */
    public Issued issue(ContactReference contact, DeviceId deviceId, ForceCode force, UUID messageId) {
        String token = StatusLinkToken.mint();
        Instant expiresAt = devices.find(deviceId).map(TrackedDevice::returnedAt)
                .map(returned -> returned.plus(properties.expireAfterReturn())).orElse(null);
        jdbc.update("""
                insert into notifier_status_link (token_hash, contact_reference, device_id, force, message_id,
                    issued_at, expires_at)
                values (:hash, :contact, :device, :force, :message, :now, :expires)
                """, new MapSqlParameterSource()
                .addValue("hash", StatusLinkToken.hash(token))
                .addValue("contact", contact.value())
                .addValue("device", deviceId.value())
                .addValue("force", force.value())
                .addValue("message", messageId)
                .addValue("now", ts(clock.instant()))
                .addValue("expires", ts(expiresAt)));
        return new Issued(token, properties.url(token));
    }

    /** Forgets a link whose message never went (the send failed): nobody holds its token. */
    public void discard(Issued issued) {
        if (issued != null) {
            jdbc.update("delete from notifier_status_link where token_hash = :hash",
                    new MapSqlParameterSource("hash", StatusLinkToken.hash(issued.token())));
        }
    }

    /** The device a presented token shows, if it is a working link; empty for every kind of dead or unknown one. */
    public Optional<Target> resolve(String presented) {
        if (!StatusLinkToken.wellFormed(presented)) {
            return Optional.empty();
        }
        List<Target> found = jdbc.query("""
                select l.device_id, l.contact_reference, l.force
                from notifier_status_link l
                join notifier_contact c on c.contact_reference = l.contact_reference and c.force = l.force
                join notifier_device d on d.device_id = l.device_id and d.force = l.force
                    and d.contact_reference = l.contact_reference
                where l.token_hash = :hash and l.revoked_at is null
                  and (l.expires_at is null or l.expires_at > :now)
                """, new MapSqlParameterSource().addValue("hash", StatusLinkToken.hash(presented))
                .addValue("now", ts(clock.instant())), (rs, i) -> new Target(
                new DeviceId(rs.getObject("device_id", UUID.class)),
                new ContactReference(rs.getString("contact_reference")), new ForceCode(rs.getString("force"))));
        return found.stream().findFirst();
    }

    /** The device came back at {@code returnedAt}: its links stop working {@code expire-after-return} later. */
    public void expireWith(DeviceId deviceId, Instant returnedAt) {
        jdbc.update("update notifier_status_link set expires_at = :expires where device_id = :device "
                        + "and expires_at is null", new MapSqlParameterSource().addValue("device", deviceId.value())
                .addValue("expires", ts(returnedAt.plus(properties.expireAfterReturn()))));
    }

    /** Whether any link for the device still works, as far as withdrawal and expiry go. */
    public boolean anyLive(DeviceId deviceId) {
        Boolean live = jdbc.queryForObject("""
                select exists (select 1 from notifier_status_link where device_id = :device and revoked_at is null
                               and (expires_at is null or expires_at > :now))
                """, new MapSqlParameterSource().addValue("device", deviceId.value())
                .addValue("now", ts(clock.instant())), Boolean.class);
        return Boolean.TRUE.equals(live);
    }

    /**
     * An officer or supervisor of the device's force withdraws every link sent so far for the device: they stop
     * working at once. Messages sent later carry new links. Audited in the vault's audit under each contact.
     *
     * @return how many links were withdrawn
     * @throws dev.custody.edge.Problem 404 for a device the notifier does not know or the actor may not see
     */
    @Transactional
    public int revoke(DeviceId deviceId, Actor actor) {
        if (!actor.has(Role.OFFICER) && !actor.has(Role.SUPERVISOR)) {
            throw Problem.forbidden("forbidden", "Only officers and supervisors withdraw a victim's links");
        }
        TrackedDevice device = devices.find(deviceId).filter(d -> actor.canSee(d.force()))
                .orElseThrow(() -> NotFound.device(deviceId.value()));
        List<String> contacts = jdbc.queryForList("""
                update notifier_status_link set revoked_at = :now, revoked_by = :actor
                where device_id = :device and revoked_at is null
                returning contact_reference
                """, new MapSqlParameterSource().addValue("device", device.deviceId().value())
                .addValue("now", ts(clock.instant())).addValue("actor", actor.id()), String.class);
        contacts.stream().distinct().forEach(reference -> vault.audit(new ContactReference(reference),
                "STATUS_LINKS_REVOKED", "device " + deviceId.value(), actor.id(),
                actor.force() == null ? null : actor.force().value()));
        return contacts.size();
    }
}
