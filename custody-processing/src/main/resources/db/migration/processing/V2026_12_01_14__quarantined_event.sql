-- Events an event processor set aside because they failed again and again while everything else went on (see
-- dev.custody.processing.Quarantine and docs/operations.md). One row per event and processor, kept after it is
-- resolved as the record of what happened.
create table quarantined_event (
    quarantine_id    uuid          not null,
    processor        varchar(128)  not null, -- device-projection, kafka-publisher, custody-notifier
    -- QUARANTINED: failed (for the event store processors, the device's later events wait behind it);
    -- RESOLVED: applied since by a retry or a rebuild
    state            varchar(16)   not null,
    device_id        varchar(255),           -- the aggregate identifier or record key
    global_index     bigint,                 -- the event store position (Axon processors)
    sequence_number  bigint,
    event_id         varchar(255),
    event_type       varchar(255),
    source_topic     varchar(255),           -- the consumed record (notifier)
    source_partition integer,
    source_offset    bigint,
    payload          text,                   -- the consumed record's value (notifier), to retry it once Kafka's copy is gone
    error_class      varchar(255)  not null,
    error_message    varchar(2000) not null,
    attempts         integer       not null,
    quarantined_at   timestamptz   not null,
    last_attempt_at  timestamptz   not null,
    resolved_at      timestamptz,
    resolved_by      varchar(255),
    resolution       varchar(255),
    constraint quarantined_event_pk primary key (quarantine_id)
);
-- One open row per event and processor, so a rebuild or a second node meeting the same poison adds nothing.
create unique index quarantined_event_open_index_uk on quarantined_event (processor, global_index)
    where state = 'QUARANTINED' and global_index is not null;
-- The processors' question for every batch (is any of these devices held?) and the read side's (needs attention?).
create index quarantined_event_open_device_ix on quarantined_event (device_id, processor) where state = 'QUARANTINED';
create index quarantined_event_at_ix on quarantined_event (quarantined_at);
