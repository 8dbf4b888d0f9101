-- The label code of each device that has one (see LabelCodes): the command side's register of codes, which keeps
-- every code on one device only. A code is minted the first time a device's confirmation page or label needs one,
-- and every label printed records it in the device's history (LabelPrinted). Not a read model: never rebuilt.
create table device_label (
    device_id  uuid        not null,
    code       char(11)    not null,
    minted_at  timestamptz not null,
    constraint device_label_pk primary key (device_id),
    constraint device_label_code_uk unique (code)
);
