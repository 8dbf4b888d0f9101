-- The status page asks for the last message delivered about a device to its victim.
create index notifier_send_log_sent_by_device on notifier_send_log (device_id, settled_at) where status = 'SENT';
