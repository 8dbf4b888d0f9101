-- Wakes every node's event processors when events are committed (LISTEN custody_events). The notification is only a
-- hint, sent once per statement and delivered at commit; processors still read the events from the table.
create function notify_custody_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('custody_events', '');
    return null;
end;
$$;

create trigger domain_event_entry_notify
    after insert on domain_event_entry
    for each statement execute function notify_custody_events();
