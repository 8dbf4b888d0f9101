-- The contact vault: the only place personal contact details live. Erasure deletes the row.
create table notifier_contact (
    contact_reference varchar(64)  primary key,
    force             varchar(40)  not null,
    channel           varchar(16)  not null,  -- EMAIL, SMS, VIA_ISVA, NONE
    address           varchar(320),           -- email address or mobile number; the ISVA's for VIA_ISVA
    language          varchar(8),             -- en, cy, or null when unknown (bilingual messages)
    safe_to_contact   boolean      not null,  -- false: do not contact, ever
    safe_from         time,                   -- safe hours, local time in safe_zone; null: any time
    safe_until        time,
    safe_zone         varchar(64),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    erase_after       timestamptz             -- set once all the person's devices are back
);
create index notifier_contact_erase_after on notifier_contact (erase_after) where erase_after is not null;

-- Who changed or erased which contact, and what kind of change: never the details themselves.
create table notifier_contact_audit (
    id                bigint generated always as identity primary key,
    contact_reference varchar(64)  not null,
    action            varchar(32)  not null,
    changed           varchar(200),
    actor_id          varchar(200) not null,
    actor_force       varchar(40),
    at                timestamptz  not null
);
create index notifier_contact_audit_reference on notifier_contact_audit (contact_reference, at);
