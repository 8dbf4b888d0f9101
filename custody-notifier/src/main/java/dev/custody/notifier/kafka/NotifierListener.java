package dev.custody.notifier.kafka;

import dev.custody.notifier.app.NotifierLoops;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.inbox.CloudEventReader;
import dev.custody.notifier.inbox.MessagePlanner;
import dev.custody.wire.WireMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code custody.events.v1} and {@code custody.alerts.v1} as the consumer group {@code custody-notifier}.
 * Handling a record only plans messages in the send log; sending happens apart, so a slow or failing channel never
 * holds up the topics.
 */
@Component
@NotifierRole
class NotifierListener {

    static final String LISTENER_ID = "custody-notifier";

    private final CloudEventReader reader = new CloudEventReader();
    private final MessagePlanner planner;
    private final NotifierLoops loops;

    NotifierListener(MessagePlanner planner, NotifierLoops loops) {
        this.planner = planner;
        this.loops = loops;
    }

    @KafkaListener(id = LISTENER_ID, clientIdPrefix = "custody-notifier",
            groupId = "${custody.notifier.consumer-group:custody-notifier}",
            topics = {"${custody.stream.events-topic:custody.events.v1}", "${custody.stream.alerts-topic:custody.alerts.v1}"},
            containerFactory = NotifierKafkaConfig.CONTAINER_FACTORY,
            properties = {"auto.offset.reset=earliest", "enable.auto.commit=false",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer"})
    void on(ConsumerRecord<String, String> record) {
        WireMessage incoming = reader.read(record.headers(), record.value());
        int planned = planner.handle(incoming, new MessagePlanner.Source(record.topic(), record.key(), record.value()));
        if (planned > 0) {
            loops.wake();
        }
    }
}
