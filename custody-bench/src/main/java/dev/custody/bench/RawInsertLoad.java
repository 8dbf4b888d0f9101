package dev.custody.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw PostgreSQL limit: what the same database does with nothing but single-row INSERT transactions
 * (autocommit, synchronous commit on), from the same number of concurrent connections as there were HTTP clients,
 * each row the size of a stored event.
 * <p>
 * The rows go into a copy of the event table's shape (same columns and the same three unique indexes, its own
 * sequence), so the limit is that of storing an event with nothing else around it: no HTTP, no security, no
 * loading the aggregate, no idempotency record.
 */
final class RawInsertLoad {

    record EventSize(long events, double payloadBytes, double metaDataBytes) {
    }

    record Result(long inserts, double seconds, double perSecond, Latencies.Summary latency, int rowBytes) {
    }

    private final Database db;

    RawInsertLoad(Database db) {
        this.db = db;
    }

    /** The mean size of what the command phase really stored. */
    EventSize measureEventSize() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), coalesce(avg(octet_length(payload)), 0), "
                     + "coalesce(avg(octet_length(meta_data)), 0) from domain_event_entry")) {
            rs.next();
            return new EventSize(rs.getLong(1), rs.getDouble(2), rs.getDouble(3));
        }
    }

    Result run(int connections, Duration warmup, Duration measure, EventSize size) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_raw_event");
            s.execute("drop sequence if exists bench_raw_event_seq");
            s.execute("create sequence bench_raw_event_seq increment 1 start 1");
            s.execute("""
                    create table bench_raw_event (
                        global_index         bigint       not null default nextval('bench_raw_event_seq'),
                        aggregate_identifier varchar(255) not null,
                        sequence_number      bigint       not null,
                        type                 varchar(255),
                        event_identifier     varchar(255) not null,
                        meta_data            bytea,
                        payload              bytea        not null,
                        payload_revision     varchar(255),
                        payload_type         varchar(255) not null,
                        time_stamp           varchar(255) not null,
                        primary key (global_index),
                        unique (aggregate_identifier, sequence_number),
                        unique (event_identifier))""");
        }
        byte[] payload = jsonLike((int) Math.round(size.payloadBytes()));
        byte[] metaData = jsonLike((int) Math.round(size.metaDataBytes()));
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long to = from + measure.toNanos();
        List<Latencies> recorders = new CopyOnWriteArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                Latencies latencies = new Latencies();
                recorders.add(latencies);
                try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                        "insert into bench_raw_event (aggregate_identifier, sequence_number, type, event_identifier, "
                                + "meta_data, payload, payload_type, time_stamp) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    c.setAutoCommit(true);
                    String aggregate = UUID.randomUUID().toString();
                    long sequence = 0;
                    while (System.nanoTime() < to) {
                        if (sequence == 12) {
                            aggregate = UUID.randomUUID().toString();
                            sequence = 0;
                        }
                        insert.setString(1, aggregate);
                        insert.setLong(2, sequence++);
                        insert.setString(3, "DeviceCustody");
                        insert.setString(4, UUID.randomUUID().toString());
                        insert.setBytes(5, metaData);
                        insert.setBytes(6, payload);
                        insert.setString(7, "dev.custody.events.DeviceEvent$DownloadStarted");
                        insert.setString(8, Instant.now().toString());
                        long t0 = System.nanoTime();
                        insert.executeUpdate();
                        long t1 = System.nanoTime();
                        latencies.add(t1 - t0, t1);
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
            }, "raw-insert-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long[] window = Latencies.window(recorders, from, to);
        double seconds = (to - from) / 1e9;
        return new Result(window.length, seconds, window.length / seconds, Latencies.summarise(window),
                payload.length + metaData.length);
    }

    /** Printable JSON-ish bytes: what a stored event looks like to PostgreSQL (bytea is not compressed below 2 kB). */
    static byte[] jsonLike(int n) {
        byte[] out = new byte[Math.max(2, n)];
        Arrays.fill(out, (byte) 'x');
        out[0] = '{';
        out[out.length - 1] = '}';
        return out;
    }
}
