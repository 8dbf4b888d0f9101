package dev.custody.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.events.DeviceEvent;
import dev.custody.events.EventJson;
import dev.custody.events.DeviceEvent.DeviceReadyForCollection;
import dev.custody.events.DeviceEvent.DeviceReceivedAtLab;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadStarted;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationCompleted;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.ReplacementReturned;
import dev.custody.values.Actor;
import dev.custody.values.Agreement;
import dev.custody.values.AgreementGiver;
import dev.custody.values.CaseReference;
import dev.custody.values.ContactReference;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceDescription;
import dev.custody.values.DeviceId;
import dev.custody.values.DeviceType;
import dev.custody.values.ExtractionType;
import dev.custody.values.ForceCode;
import dev.custody.values.Holder;
import dev.custody.values.Justification;
import dev.custody.values.LabId;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.LegalRecord;
import dev.custody.values.NoticeElement;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.Scope;
import dev.custody.values.ScopeReview;
import dev.custody.values.SealCheck;
import dev.custody.values.SeizureDetails;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.values.WrittenNotice;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fills an empty event store with a national-scale history for the read-side measurements (part 2 of issue 5):
 * {@code openRecords} devices still held, at various stages, and enough completed lifecycles on top to reach
 * {@code totalEvents}. Events are the contract's own records, serialised exactly as the server stores them, and
 * written with binary COPY: the equivalent of the event store's append path, only much faster.
 */
final class EventStoreLoader {

    private static final String COLUMNS = "global_index, aggregate_identifier, sequence_number, type, event_identifier, "
            + "meta_data, payload, payload_type, time_stamp";
    private static final byte[] EMPTY_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AGGREGATE_TYPE = "DeviceCustody".getBytes(StandardCharsets.UTF_8);
    private static final ForceCode FORCE = new ForceCode("dyfed-powys");
    private static final Actor OFFICER = new Actor("officer", Set.of(Role.OFFICER), FORCE, null);
    private static final LabId LAB_ID = new LabId("dyfed-powys-dfu");
    private static final Actor LAB = new Actor("lab", Set.of(Role.LAB), FORCE, LAB_ID);

    record Loaded(long events, long devices, long openDevices, Duration took) {
    }

    /** The mapping the server stores events with: the contract's own. */
    private final ObjectMapper mapper = EventJson.mapper();
    private final SplittableRandom random = new SplittableRandom(20261124);
    private final Instant now;

    EventStoreLoader(Instant now) {
        this.now = now;
    }

    Loaded load(Connection connection, long totalEvents, int openRecords, Consumer<String> log)
            throws SQLException, IOException {
        long[] devices = {0};
        long[] events = {0};
        return copy(connection, () -> {
            if (events[0] >= totalEvents && devices[0] >= openRecords) {
                return null;
            }
            List<DeviceEvent> lifecycle = lifecycle(devices[0]++ < openRecords);
            events[0] += lifecycle.size();
            return lifecycle;
        }, openRecords, log);
    }

    /**
     * {@code devices} devices all waiting in one lab's queue ({@code dyfed-powys-dfu}, the dev user {@code lab}'s):
     * received, and some of them further on, up to examination started. Their ids go to {@code ids}.
     */
    Loaded loadLabQueue(Connection connection, int devices, List<UUID> ids, Consumer<String> log)
            throws SQLException, IOException {
        return copy(connection, () -> {
            if (ids.size() >= devices) {
                return null;
            }
            List<DeviceEvent> queued = queued();
            ids.add(queued.get(0).deviceId().value());
            return queued;
        }, devices, log);
    }

    /** Writes each device's events, as the next supplies them until it returns null, by one binary COPY. */
    private Loaded copy(Connection connection, java.util.function.Supplier<List<DeviceEvent>> next, long openRecords,
                        Consumer<String> log) throws SQLException, IOException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY domain_event_entry (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(8 << 20);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeBytes("PGCOPY\n");
        out.write(0xff);
        out.writeBytes("\r\n");
        out.write(0);
        out.writeInt(0);
        out.writeInt(0);
        long globalIndex = 0;
        long devices = 0;
        long nextReport = 500_000;
        for (List<DeviceEvent> lifecycle = next.get(); lifecycle != null; lifecycle = next.get()) {
            for (DeviceEvent event : lifecycle) {
                globalIndex++;
                writeRow(out, globalIndex, event);
            }
            devices++;
            if (buffer.size() > (4 << 20)) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
            if (globalIndex >= nextReport) {
                log.accept("loaded %,d events (%,d devices)".formatted(globalIndex, devices));
                nextReport += 500_000;
            }
        }
        out.writeShort(-1);
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        copy.endCopy();
        try (Statement s = connection.createStatement()) {
            s.execute("select setval('domain_event_entry_global_index_seq', " + globalIndex + ")");
        }
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("analyze domain_event_entry");
        }
        return new Loaded(globalIndex, devices, Math.min(devices, openRecords), Duration.ofNanos(System.nanoTime() - started));
    }

    private void writeRow(DataOutputStream out, long globalIndex, DeviceEvent event) throws IOException {
        byte[] payload = mapper.writeValueAsBytes(event);
        out.writeShort(9);
        out.writeInt(8);
        out.writeLong(globalIndex);
        text(out, event.deviceId().toString());
        out.writeInt(8);
        out.writeLong(sequenceOf(event));
        bytes(out, AGGREGATE_TYPE);
        text(out, new UUID(random.nextLong(), random.nextLong()).toString());
        bytes(out, EMPTY_META_DATA);
        bytes(out, payload);
        text(out, event.getClass().getName());
        text(out, event.recordedAt().toString());
    }

    private int sequence;

    private long sequenceOf(DeviceEvent event) {
        return event instanceof DeviceSeized ? (sequence = 0) : ++sequence;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * One device's events. An open record stops somewhere between seizure and examination, seized within the last
     * 80 days; a closed one runs to its return within the last two years.
     */
    List<DeviceEvent> lifecycle(boolean open) {
        DeviceId id = new DeviceId(new UUID(random.nextLong(), random.nextLong()));
        long span = open ? Duration.ofDays(80).toSeconds() : Duration.ofDays(730).toSeconds();
        Instant t = now.minusSeconds(random.nextLong(3600, span));
        int roll = random.nextInt(100);
        OwnerRole owner = roll < 50 ? OwnerRole.VICTIM : roll < 70 ? OwnerRole.WITNESS : OwnerRole.SUSPECT;
        boolean replacement = owner == OwnerRole.VICTIM && random.nextInt(100) < 80;
        int stop = open ? random.nextInt(1, 6) : Integer.MAX_VALUE;
        List<DeviceEvent> events = new ArrayList<>(12);
        events.add(seized(id, t, owner));
        if (replacement && events.size() < stop) {
            events.add(new ReplacementIssued(id, t = later(t), t, OFFICER, 1, ReplacementKind.SWAP_OUT, "same number"));
        }
        String sha = HexFormat.of().formatHex(new byte[]{(byte) random.nextInt()}).repeat(32);
        List<java.util.function.Function<Instant, DeviceEvent>> steps = List.of(
                at -> new DeviceReceivedAtLab(id, at, at, LAB, LAB_ID, new Holder(Holder.HolderKind.OFFICER, "officer"),
                        new SealCheck("SEAL-" + id.value().toString().substring(0, 8), true)),
                at -> new DownloadStarted(id, at, at, LAB, 1, "UFED 7.6", ExtractionType.FILE_SYSTEM),
                at -> new DownloadCompleted(id, at, at, LAB, 1, sha, 64_000_000_000L),
                at -> new DownloadVerified(id, at, at, LAB, 1, sha),
                at -> new ExaminationStarted(id, at, at, LAB),
                at -> new ExaminationCompleted(id, at, at, LAB, random.nextBoolean(), "Messages of the relevant days reviewed"),
                at -> new DeviceReadyForCollection(id, at, at, OFFICER, "Front desk"),
                at -> new DeviceReturned(id, at, at, OFFICER, ReturnRecipient.OWNER, null));
        for (var step : steps) {
            if (events.size() >= stop) {
                return events;
            }
            t = later(t);
            events.add(step.apply(t));
        }
        if (replacement) {
            t = later(t);
            events.add(new ReplacementReturned(id, t, t, OFFICER, 1));
        }
        return events;
    }

    /** A device seized within the last 60 days, received at the lab and somewhere in its queue's stages. */
    List<DeviceEvent> queued() {
        DeviceId id = new DeviceId(new UUID(random.nextLong(), random.nextLong()));
        Instant t = now.minusSeconds(random.nextLong(3 * 3600, Duration.ofDays(60).toSeconds()));
        int roll = random.nextInt(100);
        OwnerRole owner = roll < 50 ? OwnerRole.VICTIM : roll < 70 ? OwnerRole.WITNESS : OwnerRole.SUSPECT;
        List<DeviceEvent> events = new ArrayList<>(8);
        events.add(seized(id, t, owner));
        Instant at = t = later(t);
        events.add(new DeviceReceivedAtLab(id, at, at, LAB, LAB_ID, new Holder(Holder.HolderKind.OFFICER, "officer"),
                new SealCheck("SEAL-" + id.value().toString().substring(0, 8), true)));
        String sha = HexFormat.of().formatHex(new byte[]{(byte) random.nextInt()}).repeat(32);
        List<java.util.function.Function<Instant, DeviceEvent>> steps = List.of(
                when -> new DownloadStarted(id, when, when, LAB, 1, "UFED 7.6", ExtractionType.FILE_SYSTEM),
                when -> new DownloadCompleted(id, when, when, LAB, 1, sha, 64_000_000_000L),
                when -> new DownloadVerified(id, when, when, LAB, 1, sha),
                when -> new ExaminationStarted(id, when, when, LAB));
        int further = random.nextInt(steps.size() + 1);
        for (int i = 0; i < further; i++) {
            t = later(t);
            events.add(steps.get(i).apply(t));
        }
        return events;
    }

    private Instant later(Instant t) {
        Instant next = t.plusSeconds(random.nextLong(600, 3 * 86_400));
        return next.isAfter(now) ? now : next;
    }

    private DeviceSeized seized(DeviceId id, Instant at, OwnerRole owner) {
        boolean full = owner != OwnerRole.SUSPECT;
        LegalRecord legal = full
                ? new LegalRecord(Purpose.CRIME, LegalBasis.PCSC_S37_AGREEMENT,
                new Justification("Messages from the suspect between 1 and 3 November", "The messages exist only on this phone",
                        "Screenshots were offered but cannot show deleted messages", true),
                new WrittenNotice("DPN-2024-03", Language.EN, EnumSet.allOf(NoticeElement.class)),
                new Agreement(AgreementGiver.DEVICE_USER, at.minusSeconds(300), "officer"))
                : new LegalRecord(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null);
        SeizureDetails details = new SeizureDetails(new CaseReference("DP-2026-" + (1000 + random.nextInt(9000))),
                new DeviceDescription(DeviceType.MOBILE_PHONE, "Black iPhone 13", "SEAL-" + id.value().toString().substring(0, 8)),
                owner, legal,
                new Scope(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), Set.of(DataCategory.MESSAGES), null),
                owner == OwnerRole.VICTIM ? List.of(new TimeSensitiveData(TimeSensitiveKind.DATING_APP, "Hinge", null)) : List.of(),
                owner == OwnerRole.VICTIM ? new VictimCare(VictimsCodeTier.ENHANCED, 14) : null,
                owner == OwnerRole.SUSPECT ? null : new ContactReference("contact-" + id.value().toString().substring(0, 8)));
        return new DeviceSeized(id, at, at, OFFICER, FORCE, 1, null, details, new ScopeReview(Period.ofMonths(12), false));
    }
}
