-- The projection sends times as microseconds since the epoch, which the driver writes and the server reads far
-- faster than ISO text (see ProjectionStore). This turns them back; a plain SQL function, so the planner inlines it.
create function epoch_micros(micros bigint) returns timestamptz
    language sql immutable parallel safe strict
    as $$ select timestamptz 'epoch' + interval '1 microsecond' * micros $$;
