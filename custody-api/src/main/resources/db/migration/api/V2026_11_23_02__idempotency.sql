-- Outcomes of commands sent with an Idempotency-Key, kept 24 hours, so retries get the first answer.
create table idempotency_key (
    caller_id   varchar(255) not null,
    idem_key    varchar(255) not null,
    fingerprint varchar(64)  not null,
    status      integer,
    device_id   uuid,
    version     bigint,
    created_at  timestamptz  not null,
    constraint idempotency_key_pk primary key (caller_id, idem_key)
);
create index idempotency_key_created_at_ix on idempotency_key (created_at);
