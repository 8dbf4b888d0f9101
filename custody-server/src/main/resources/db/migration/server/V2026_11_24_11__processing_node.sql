-- Which node runs which event processor, each node refreshing its rows every few seconds. A node's fair share of a
-- processor's segments is the segment count divided by the live nodes running that processor; a node holding more
-- releases the excess for the others (SegmentBalancer).
create table processing_node (
    node_id        varchar(255) not null,
    processor_name varchar(255) not null,
    seen_at        timestamptz  not null,
    constraint processing_node_pk primary key (node_id, processor_name)
);
