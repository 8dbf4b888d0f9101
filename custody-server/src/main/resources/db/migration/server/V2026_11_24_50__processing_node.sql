-- Nodes that run event processors, each refreshing its row every few seconds. A node's fair share of a processor's
-- segments is the segment count divided by the live nodes; a node holding more releases the excess for others.
create table processing_node (
    node_id varchar(255) not null,
    seen_at timestamptz  not null,
    constraint processing_node_pk primary key (node_id)
);
