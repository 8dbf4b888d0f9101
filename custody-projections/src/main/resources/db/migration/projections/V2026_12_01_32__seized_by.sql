-- Who seized each device this time: an officer's "my devices" page lists theirs, newest first. Written by the
-- projection from the view's seizedBy; the rows already there get it here from the event store (the actor of each
-- device's latest DeviceSeized) so that no rebuild is needed.
alter table device_status add column seized_by varchar(255);

update device_status s
set seized_by = latest.actor,
    state = (s.state::jsonb || jsonb_build_object('seizedBy', latest.actor))::json
from (select distinct on (device_id) device_id, payload -> 'actor' ->> 'id' as actor
      from event_log
      where event_type = 'DeviceSeized'
      order by device_id, sequence_number desc) latest
where latest.device_id = s.device_id::text;

create index device_status_seized_by_ix on device_status (seized_by, seized_at desc) where seized_by is not null;
