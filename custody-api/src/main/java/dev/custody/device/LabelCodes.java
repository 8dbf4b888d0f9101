package dev.custody.device;

import dev.custody.values.DeviceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The register of label codes ({@link LabelCode}): one code per device, one device per code, kept by the table's
 * two unique keys. A device gets its code the first time one is asked for, by someone who may see the device (its
 * confirmation page, or its first label); every label printed then records the code in the device's history.
 * <p>
 * Not a read model: the register is the command side's, like the idempotency keys, and is never rebuilt. A scan
 * resolves here at once, without waiting for a projection.
 */
@Repository
public class LabelCodes {

    /** Draws of a new code before giving up: each one is taken already with a chance of about 10<sup>-8</sup>. */
    static final int DRAWS = 5;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LabelCodes(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The device with this code (as {@link LabelCode#read} gives it), whoever may see it: callers scope it. */
    public Optional<UUID> deviceFor(String code) {
        return jdbc.query("select device_id from device_label where code = ?",
                (rs, i) -> rs.getObject(1, UUID.class), code).stream().findFirst();
    }

    public Optional<String> find(DeviceId id) {
        return jdbc.query("select code from device_label where device_id = ?", (rs, i) -> rs.getString(1),
                id.value()).stream().findFirst();
    }

    /**
     * The device's code, minting one the first time. The caller has checked that the person may see the device.
     */
    public String codeFor(DeviceId id) {
        for (int draw = 0; draw < DRAWS; draw++) {
            Optional<String> code = find(id);
            if (code.isPresent()) {
                return code.get();
            }
            claim(id, LabelCode.mint());
        }
        return find(id).orElseThrow(() -> new CodeTaken(id));
    }

    /**
     * Gives the device this code unless it has one already (concurrently, say): in a command's transaction, a code
     * is claimed together with the label that carries it.
     *
     * @return whether the device's code is now {@code code}
     */
    boolean claim(DeviceId id, String code) {
        jdbc.update("insert into device_label (device_id, code, minted_at) values (?, ?, ?) on conflict do nothing",
                id.value(), code, Timestamp.from(clock.instant()));
        return find(id).filter(code::equals).isPresent();
    }

    /** The code drawn for a device's first label turned out to be another device's, or another was claimed first. */
    static final class CodeTaken extends RuntimeException {
        CodeTaken(DeviceId id) {
            super("no free label code could be claimed for device " + id);
        }
    }
}
