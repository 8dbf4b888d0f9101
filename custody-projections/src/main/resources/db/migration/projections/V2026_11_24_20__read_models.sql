-- Read models of custody-projections. All are rebuilt from the event store except alert and alert_log, which record
-- what the alert engine raised and when, and survive a rebuild. Open deadlines are not stored: they are a pure
-- function of a device's view (state) and its force's settings, worked out when needed.

-- One row per device: the current seizure's view (state, JSON) plus the columns queries filter and sort on.
create table device_status (
    device_id       uuid         not null,
    force           varchar(64)  not null,
    lab             varchar(64),
    case_reference  varchar(128) not null,
    stage           varchar(32)  not null,
    held            boolean      not null,
    owner_role      varchar(16)  not null,
    device_type     varchar(32)  not null,
    seized_at       timestamptz  not null,
    returned_at     timestamptz,
    -- lab queue priority: data at risk not yet downloaded, victim with enhanced rights, earliest breach due
    time_sensitive  boolean      not null,
    enhanced        boolean      not null,
    next_due_at     timestamptz,
    -- the earliest fire time of an open deadline that has no alert yet: the alert engine's work list
    next_fire_at    timestamptz,
    version         bigint       not null,
    -- the device's view as JSON (json, not jsonb: written on every event, read whole, rarely queried inside)
    state           json         not null,
    constraint device_status_pk primary key (device_id)
);
create index device_status_force_stage_ix on device_status (force, stage);
create index device_status_case_ix on device_status (case_reference);
-- The alert engine reads only the devices with a deadline falling due: its cost grows with those, not with the
-- devices held.
create index device_status_next_fire_ix on device_status (next_fire_at) where next_fire_at is not null;
create index device_status_lab_queue_ix on device_status (lab, time_sensitive desc, enhanced desc, next_due_at, seized_at)
    where held;

-- Every alert ever raised. Never rebuilt: raising is a judgement made at a point in time.
create table alert (
    alert_id         uuid         not null,
    rule             varchar(32)  not null,
    severity         varchar(8)   not null,
    device_id        uuid         not null,
    force            varchar(64)  not null,
    owner_role       varchar(16)  not null,
    lab              varchar(64),
    seizure_number   integer      not null,
    due_at           timestamptz  not null,
    raised_at        timestamptz  not null,
    state            varchar(16)  not null, -- OPEN, ACKNOWLEDGED, RESOLVED
    resolution       varchar(16),           -- IN_TIME, LATE, SUPERSEDED
    resolved_at      timestamptz,           -- occurredAt of the step that closed it
    resolved_by      varchar(64),           -- the event type that closed it
    late_by_seconds  bigint,
    acknowledged_by  varchar(255),
    acknowledged_at  timestamptz,
    acknowledge_note varchar(2000),
    constraint alert_pk primary key (alert_id),
    constraint alert_deadline_uk unique (device_id, rule, severity, due_at)
);
create index alert_force_state_ix on alert (force, state, raised_at);
create index alert_raised_ix on alert (raised_at);
create index alert_device_ix on alert (device_id);

-- The alert log inspectors read, and the outbox the publisher sends to custody.alerts.v1.
create table alert_log (
    id           bigserial    not null,
    alert_id     uuid         not null references alert (alert_id),
    device_id    uuid         not null,
    force        varchar(64)  not null,
    change       varchar(16)  not null, -- RAISED, RESOLVED, ACKNOWLEDGED
    at           timestamptz  not null,
    actor        varchar(255),
    note         varchar(2000),
    published_at timestamptz,
    constraint alert_log_pk primary key (id)
);
create index alert_log_alert_ix on alert_log (alert_id, id);
create index alert_log_unpublished_ix on alert_log (id) where published_at is null;

-- One row per seizure (custody period): the facts inspectors' reports aggregate.
create table custody_period (
    device_id                   uuid         not null,
    seizure_number              integer      not null,
    force                       varchar(64)  not null,
    lab                         varchar(64),
    owner_role                  varchar(16)  not null,
    device_type                 varchar(32)  not null,
    case_reference              varchar(128) not null,
    seized_at                   timestamptz  not null,
    returned_at                 timestamptz,
    first_download_completed_at timestamptz,
    examination_started_at      timestamptz,
    examination_completed_at    timestamptz,
    relevant_material_found     boolean,
    first_replacement_at        timestamptz,
    reseizure_gap_seconds       bigint,
    exceeds_date_range_limit    boolean      not null,
    scope_from                  date,
    scope_to                    date,
    long_range_justification    varchar(4000),
    constraint custody_period_pk primary key (device_id, seizure_number)
);
create index custody_period_force_seized_ix on custody_period (force, seized_at);
create index custody_period_seized_ix on custody_period (seized_at);
create index custody_period_lab_exam_ix on custody_period (lab, examination_completed_at);

-- How late steps are logged: counts of lifecycle events by whole minutes of recordedAt - occurredAt, per day.
-- A histogram keeps the report fast over millions of events and its percentiles exact to the minute.
create table logging_lag (
    force       varchar(64) not null,
    lab         varchar(64) not null, -- the logging user's lab, '' for officers
    owner_role  varchar(16) not null,
    device_type varchar(32) not null,
    day         date        not null, -- of occurredAt, UTC
    lag_minutes integer     not null,
    events      bigint      not null,
    constraint logging_lag_pk primary key (force, lab, owner_role, device_type, day, lag_minutes)
);
create index logging_lag_day_ix on logging_lag (day);

-- Cluster-wide control of rebuilds: every node watches this row (see ProjectionSupervisor).
-- state: LIVE, REBUILD_REQUESTED (every node stops its processor), REBUILDING (one node replays).
create table projection_control (
    processor    varchar(128) not null,
    state        varchar(32)  not null, -- LIVE, REBUILD_REQUESTED, RESETTING, REBUILDING
    generation   bigint       not null,
    requested_by varchar(255),
    requested_at timestamptz,
    heartbeat_at timestamptz,           -- the rebuilding node's last sign of life
    replayed     bigint,                -- events replayed so far by the rebuild
    saved_indexes text,                 -- the read models' secondary indexes, dropped while a rebuild loads them
    constraint projection_control_pk primary key (processor)
);
insert into projection_control (processor, state, generation) values ('device-projection', 'LIVE', 0);
