package dev.custody.projections.queue;

import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.view.DeviceView;
import dev.custody.queries.ExpectedReturn;
import dev.custody.queries.ExpectedReturnQuery;
import dev.custody.values.CustodyStage;
import dev.custody.values.DeviceId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a held device is likely to come back, as a range, from its lab's queue and the lab's recent throughput.
 * The method is in docs/expected-return.md.
 * <ul>
 *   <li>Waiting at a lab: the devices ahead of it in priority order, cleared at the lab's rate of completed
 *       examinations over the last window ({@link EstimateMath}), plus the lab's median time from a completed
 *       examination to the device's return.</li>
 *   <li>Examined: what remains of that median. Ready for collection: now.</li>
 *   <li>Not yet at a lab: the force's recent times held (10th, 50th and 90th percentile), less the time already held.</li>
 * </ul>
 * Empty when there is too little history to say anything honest.
 */
@Component
public class ExpectedReturnEstimator {

    /** Stages in which a device waits in its lab's queue (or is being worked on). */
    public static final List<String> QUEUE_STAGES = List.of(CustodyStage.AT_LAB.name(),
            CustodyStage.DOWNLOADING.name(), CustodyStage.DOWNLOAD_FAILED.name(), CustodyStage.DOWNLOADED.name(),
            CustodyStage.VERIFIED.name(), CustodyStage.EXAMINING.name());

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int MIN_HISTORY = 5;

    private final DeviceQueries devices;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration window;

    ExpectedReturnEstimator(DeviceQueries devices, JdbcTemplate jdbc, Clock clock,
                            @Value("${custody.estimates.throughput-window:P28D}") Duration window) {
        this.devices = devices;
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
    }

    /** Answers the notifier (and anyone else) over Axon's query bus. */
    @QueryHandler
    public Optional<ExpectedReturn> handle(ExpectedReturnQuery query) {
        return devices.find(query.deviceId().value()).flatMap(s -> estimate(s.view()));
    }

    public Optional<ExpectedReturn> estimate(DeviceView view) {
        if (!view.isHeld()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (view.stage() == CustodyStage.EXAMINED || view.stage() == CustodyStage.READY_FOR_COLLECTION) {
            return afterExamination(view, now);
        }
        if (view.lab() != null && QUEUE_STAGES.contains(view.stage().name())) {
            return inQueue(view, now);
        }
        return fromForceHistory(view, now);
    }

    /** Examinations the lab completed per day over the window. */
    public double labRatePerDay(String lab, Instant now) {
        Long done = jdbc.queryForObject("select count(*) from custody_period where lab = ? "
                        + "and examination_completed_at >= ? and examination_completed_at <= ?", Long.class,
                lab, Timestamp.from(now.minus(window)), Timestamp.from(now));
        return (done == null ? 0 : done) / (window.toSeconds() / 86_400.0);
    }

    private Optional<ExpectedReturn> inQueue(DeviceView view, Instant now) {
        double rate = labRatePerDay(view.lab(), now);
        if (rate <= 0) {
            return Optional.empty();
        }
        int ahead = devices.positionInLabQueue(view.deviceId(), view.lab(), QUEUE_STAGES).orElse(0);
        return new Lab(view.lab(), rate, postExaminationDays(view.lab(), now), now).estimate(view, ahead);
    }

    /**
     * A lab's figures read once, to estimate many of its queued devices (a page of its queue) without two queries per
     * device. Estimates equal {@link #estimate} for a device with {@code ahead} devices before it.
     */
    public Lab lab(String lab, Instant now) {
        return new Lab(lab, labRatePerDay(lab, now), postExaminationDays(lab, now), now);
    }

    /** A lab's throughput and its median time from examination to return, as of {@code now}. */
    public final class Lab {

        private final String lab;
        private final double ratePerDay;
        private final double[] afterExamination;
        private final Instant now;

        private Lab(String lab, double ratePerDay, double[] afterExamination, Instant now) {
            this.lab = lab;
            this.ratePerDay = ratePerDay;
            this.afterExamination = afterExamination;
            this.now = now;
        }

        /** Examinations completed per day over the window. */
        public double ratePerDay() {
            return ratePerDay;
        }

        /** The expected return of a device waiting in this lab's queue with {@code ahead} devices before it. */
        public Optional<ExpectedReturn> estimate(DeviceView view, int ahead) {
            if (ratePerDay <= 0) {
                return Optional.empty();
            }
            double[] days = EstimateMath.queueDays(ahead, ratePerDay);
            double extra = afterExamination == null ? 0 : afterExamination[0];
            String basis = String.format(Locale.UK,
                    "%d device(s) ahead in the queue at %s, which completed %.1f examinations a day over the last %d days",
                    ahead, lab, ratePerDay, window.toDays());
            return Optional.of(new ExpectedReturn(new DeviceId(view.deviceId()), day(now, days[1] + extra),
                    day(now, days[0] + extra), day(now, days[2] + extra), basis));
        }
    }

    private Optional<ExpectedReturn> afterExamination(DeviceView view, Instant now) {
        double[] after = view.lab() == null ? null : postExaminationDays(view.lab(), now);
        return afterExamination(new DeviceId(view.deviceId()), view.stage(), view.examinationCompletedAt(), after, now);
    }

    /**
     * A device whose examination is complete: ready for collection now, or what remains of the lab's median (and
     * 90th percentile) time from examination to return. No estimate when the lab has too little such history.
     */
    static Optional<ExpectedReturn> afterExamination(DeviceId device, CustodyStage stage, Instant examinedAt,
                                                     double[] after, Instant now) {
        if (stage == CustodyStage.READY_FOR_COLLECTION) {
            return Optional.of(new ExpectedReturn(device, day(now, 0), day(now, 0), day(now, 1),
                    "ready for collection now"));
        }
        if (after == null) {
            return Optional.empty();
        }
        double elapsed = examinedAt == null ? 0 : Duration.between(examinedAt, now).toSeconds() / 86_400.0;
        double likely = Math.max(0, after[0] - elapsed);
        double latest = Math.max(likely, after[1] - elapsed);
        String basis = String.format(Locale.UK, "examination complete; the lab's recent devices went back a median "
                + "%.1f days after examination", after[0]);
        return Optional.of(new ExpectedReturn(device, day(now, likely), day(now, 0), day(now, latest), basis));
    }

    private Optional<ExpectedReturn> fromForceHistory(DeviceView view, Instant now) {
        double elapsed = Duration.between(view.seizedAt(), now).toSeconds() / 86_400.0;
        List<double[]> rows = jdbc.query("""
                select count(*),
                       percentile_cont(array[0.1, 0.5, 0.9]) within group (
                           order by extract(epoch from returned_at - seized_at) / 86400.0)
                from custody_period
                where force = ? and returned_at is not null and returned_at >= ? and returned_at <= ?
                  and extract(epoch from returned_at - seized_at) / 86400.0 >= ?""",
                (rs, i) -> {
                    if (rs.getLong(1) < MIN_HISTORY) {
                        return null;
                    }
                    Double[] q = (Double[]) rs.getArray(2).getArray();
                    return new double[]{q[0], q[1], q[2], rs.getLong(1)};
                }, view.force(), Timestamp.from(now.minus(Duration.ofDays(365))), Timestamp.from(now), elapsed);
        if (rows.isEmpty() || rows.get(0) == null) {
            return Optional.empty();
        }
        double[] q = rows.get(0);
        String basis = String.format(Locale.UK,
                "%.0f devices of %s held at least as long as this one came back after %.0f days (median) in the last year",
                q[3], view.force(), q[1]);
        return Optional.of(new ExpectedReturn(new DeviceId(view.deviceId()), day(now, q[1] - elapsed),
                day(now, q[0] - elapsed), day(now, q[2] - elapsed), basis));
    }

    /** The lab's median and 90th percentile of days from a completed examination to the return, or null. */
    private double[] postExaminationDays(String lab, Instant now) {
        List<double[]> rows = jdbc.query("""
                select count(*), percentile_cont(array[0.5, 0.9]) within group (
                    order by extract(epoch from returned_at - examination_completed_at) / 86400.0)
                from custody_period
                where lab = ? and returned_at is not null and examination_completed_at is not null
                  and returned_at >= ? and returned_at <= ?""",
                (rs, i) -> {
                    if (rs.getLong(1) < MIN_HISTORY) {
                        return null;
                    }
                    Double[] q = (Double[]) rs.getArray(2).getArray();
                    return new double[]{q[0], q[1]};
                }, lab, Timestamp.from(now.minus(Duration.ofDays(90))), Timestamp.from(now));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static LocalDate day(Instant now, double daysFromNow) {
        long seconds = Math.round(Math.max(0, daysFromNow) * 86_400);
        return now.plusSeconds(seconds).atZone(LONDON).toLocalDate();
    }
}
