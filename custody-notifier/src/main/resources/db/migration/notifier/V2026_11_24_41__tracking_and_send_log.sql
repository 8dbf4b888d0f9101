-- What the notifier knows of each device, learnt from custody.events.v1. No personal details.
create table notifier_device (
    device_id         uuid         primary key,
    force             varchar(40)  not null,
    contact_reference varchar(64),
    owner_role        varchar(16)  not null,
    seizure_number    int          not null,
    update_every_days int          not null,
    seized_at         timestamptz  not null,
    last_update_at    timestamptz,
    next_update_due   timestamptz,
    returned_at       timestamptz
);
create index notifier_device_contact on notifier_device (contact_reference);
create index notifier_device_update_due on notifier_device (next_update_due) where returned_at is null;

-- One row per message reason: the send log and outbox in one. The unique key stops a second message for the same
-- reason after a redelivery, a rebalance or a restart. params never hold contact details: the address is looked up
-- in the vault at the moment of sending.
create table notifier_send_log (
    id                 uuid         primary key,
    source_event_id    varchar(200) not null,
    recipient          varchar(120) not null,  -- contact:<reference> or supervisor:<force>
    template           varchar(40)  not null,
    device_id          uuid,
    force              varchar(40)  not null,
    params             text         not null,
    source_topic       varchar(200),
    source_key         varchar(200),
    source_value       text,                   -- kept only until the message is settled, for the dead-letter topic
    status             varchar(16)  not null,  -- PENDING, SENT, SKIPPED, DEAD
    attempts           int          not null default 0,
    next_attempt_at    timestamptz  not null,
    lease_until        timestamptz,
    held_since         timestamptz,            -- held for safe hours since
    channel            varchar(16),            -- the way out: smtp, notify-email, notify-sms
    recorded_channel   varchar(16),            -- as recorded in VictimNotified: EMAIL, SMS, VIA_ISVA
    language           varchar(16),            -- en, cy or bilingual
    outcome_reason     varchar(400),
    provider_reference varchar(200),
    created_at         timestamptz  not null,
    settled_at         timestamptz,
    record_state       varchar(16),            -- victim messages: PENDING, RECORDED, FAILED (VictimNotified)
    record_attempts    int          not null default 0,
    next_record_at     timestamptz,
    constraint notifier_send_log_reason unique (source_event_id, recipient, template)
);
create index notifier_send_log_due on notifier_send_log (next_attempt_at) where status = 'PENDING';
create index notifier_send_log_record on notifier_send_log (next_record_at) where record_state = 'PENDING';

-- Records parked on the dead-letter topic because they could not be read or handled.
create table notifier_dead_letter (
    id              bigint generated always as identity primary key,
    source_topic    varchar(200) not null,
    source_partition int         not null,
    source_offset   bigint       not null,
    source_key      varchar(200),
    event_id        varchar(200),
    reason          varchar(400) not null,
    attempts        int          not null,
    parked_at       timestamptz  not null
);
