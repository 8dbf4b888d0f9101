-- The event store is append-only in the database too, not only in the code: an event, once stored, is the record
-- inspectors and courts rely on. Every UPDATE, DELETE or TRUNCATE of domain_event_entry is refused, whoever runs it
-- (a superuser included); INSERT stays open. A correction is a new event, never an edit. The application's own
-- database role should also lack those privileges and the table's ownership (docs/operations.md), so it cannot
-- switch this trigger off.
create function refuse_event_store_change() returns trigger language plpgsql as $$
begin
    raise exception 'domain_event_entry is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Record a correction as a new event; stored events are never changed or removed.';
end;
$$;

create trigger domain_event_entry_append_only
    before update or delete or truncate on domain_event_entry
    for each statement execute function refuse_event_store_change();
