-- Axon JDBC event store, read by a DBA as JSON: payloads are Jackson JSON in bytea (never OID large objects).
-- The global index has its own sequence with increment 1, so the tracking processors see few gaps.
create sequence domain_event_entry_global_index_seq increment 1 start 1;

create table domain_event_entry (
    global_index         bigint       not null default nextval('domain_event_entry_global_index_seq'),
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    constraint domain_event_entry_pk primary key (global_index),
    constraint domain_event_entry_aggregate_seq_uk unique (aggregate_identifier, sequence_number),
    constraint domain_event_entry_event_id_uk unique (event_identifier)
);
alter sequence domain_event_entry_global_index_seq owned by domain_event_entry.global_index;

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    constraint snapshot_event_entry_pk primary key (aggregate_identifier, sequence_number),
    constraint snapshot_event_entry_event_id_uk unique (event_identifier)
);

-- Tracking tokens of every streaming processor, shared by all nodes.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    constraint token_entry_pk primary key (processor_name, segment)
);

-- A readable view of the store for DBAs and inspectors: convert_from turns the JSON bytea back into text.
create view event_log as
select global_index,
       aggregate_identifier                   as device_id,
       sequence_number,
       substring(payload_type from '[^.$]+$') as event_type,
       time_stamp                              as stored_at,
       convert_from(payload, 'UTF8')::jsonb    as payload,
       convert_from(meta_data, 'UTF8')::jsonb  as meta_data
from domain_event_entry;
