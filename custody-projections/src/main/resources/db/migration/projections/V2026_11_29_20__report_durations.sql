-- The retention report's durations, worked out once when a custody period is written instead of for every row on
-- every report. Over a million periods, interval arithmetic and numeric extract() cost the report more than its
-- percentile sorts did. All are in seconds, as double precision, the type percentile_cont sorts.
alter table custody_period
    -- for the age of a device still held: the report's "now" minus this
    add column seized_epoch         double precision
        generated always as (date_part('epoch', seized_at - timestamptz '1970-01-01 00:00:00+00')) stored,
    add column returned_seconds     double precision
        generated always as (date_part('epoch', returned_at - seized_at)) stored,
    add column replacement_seconds  double precision
        generated always as (date_part('epoch', first_replacement_at - seized_at)) stored,
    add column download_seconds     double precision
        generated always as (date_part('epoch', first_download_completed_at - seized_at)) stored,
    add column exam_wait_seconds    double precision
        generated always as (date_part('epoch', examination_started_at - first_download_completed_at)) stored;
