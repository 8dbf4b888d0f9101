package dev.custody.server.support;

import java.time.Instant;

/**
 * A device about to receive a poison event: its lab receipt, copied from a template device's history, names a lab
 * with a NUL character, which PostgreSQL refuses in text, so the projection fails on it every time; the template's
 * next event (a download started) is copied behind it.
 *
 * @param template a device received at the lab and downloading
 * @param victim   a device only seized; both are on the read side
 */
public record PoisonedDevice(Device template, Device victim) {

    /** The global indexes of the poison and of the event behind it. */
    public record Written(long poison, long behind) {
    }

    public static final String POISONED_LAB = "dyfed\u0000-powys-dfu";
    public static final String REPAIRED_LAB = "dyfed-powys-dfu";

    /** Seizes both devices at {@code t} and waits until both are on the read side. */
    public static PoisonedDevice prepare(Api api, Instant t) {
        Device template = Device.seize(api, "officer", "lab", Seizure.at(t).json())
                .labReceipt(t.plusSeconds(60)).downloadStarted(t.plusSeconds(120));
        Device victim = Device.seize(api, "officer", "lab", Seizure.at(t).json());
        template.status("officer");
        victim.status("officer");
        return new PoisonedDevice(template, victim);
    }

    /** Writes the poison and the event behind it straight into the store. */
    public Written poison(EventStoreRows rows) {
        long poison = rows.copy(template.id(), 1, victim.id(), p -> p.put("lab", POISONED_LAB));
        long behind = rows.copy(template.id(), 2, victim.id(), p -> { });
        return new Written(poison, behind);
    }

    /** Repairs the poison's stored row, as a DBA would. */
    public static void repair(EventStoreRows rows, Written written) {
        rows.repair(written.poison(), p -> p.put("lab", REPAIRED_LAB));
    }
}
