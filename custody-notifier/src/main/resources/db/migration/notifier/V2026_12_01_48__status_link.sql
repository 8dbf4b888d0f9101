-- Links to the victim's status page. Only the SHA-256 hash of each link's token is kept: the token itself exists only
-- in the message that carried it. A link dies when its contact is erased (its rows go with the contact's row), when
-- an officer withdraws it, or a set time after the device's return (expires_at). Every message mints its own link.
create table notifier_status_link (
    token_hash        bytea        primary key,            -- SHA-256 of the token
    contact_reference varchar(64)  not null
        references notifier_contact (contact_reference) on delete cascade,
    device_id         uuid         not null,
    force             varchar(40)  not null,
    message_id        uuid,                                -- the send-log row whose message carried it
    issued_at         timestamptz  not null,
    expires_at        timestamptz,                         -- set once the device is returned
    revoked_at        timestamptz,
    revoked_by        varchar(200),
    constraint notifier_status_link_hash_length check (octet_length(token_hash) = 32)
);
create index notifier_status_link_device on notifier_status_link (device_id);
create index notifier_status_link_contact on notifier_status_link (contact_reference);
