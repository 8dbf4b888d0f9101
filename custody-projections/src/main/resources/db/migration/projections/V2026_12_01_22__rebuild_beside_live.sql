-- A rebuild builds the read models in projection_rebuild beside the live ones and swaps them in when complete
-- (ProjectionSupervisor, RebuildTables): the live tables are never emptied, and a failed rebuild leaves them serving.
-- projection_retired holds the replaced tables for the moment of the swap.
create schema if not exists projection_rebuild;
create schema if not exists projection_retired;

-- The outcome of the last rebuild, for the admin status: a failure stops there and says why, it never starts again
-- by itself. pause_live: the live processors were far behind when the rebuild began, so they pause until the swap
-- rather than compete with a rebuild that covers their backlog anyway.
alter table projection_control
    add column pause_live       boolean not null default false,
    add column last_outcome     varchar(16),   -- COMPLETED or FAILED
    add column last_error       varchar(2000),
    add column last_started_at  timestamptz,
    add column last_finished_at timestamptz,
    add column last_events      bigint,
    add column last_seconds     double precision,
    add column last_quarantined integer;

-- Rebuilds used to drop the live tables' secondary indexes while loading them and keep their definitions here; a
-- rebuild that died half way left them dropped. Restore any such indexes, then forget the column.
do $$
declare
    definition text;
begin
    for definition in
        select unnest(string_to_array(saved_indexes, E';\n')) from projection_control where saved_indexes <> ''
    loop
        execute regexp_replace(definition, '^create (unique )?index ', 'create \1index if not exists ', 'i');
    end loop;
end
$$;
alter table projection_control drop column saved_indexes;

-- A rebuild interrupted by the upgrade (the old code emptied the live tables first) is done again, the new way.
update projection_control set state = 'REBUILD_REQUESTED' where state <> 'LIVE';
