package dev.custody.notifier.sendlog;

import dev.custody.notifier.template.Template;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;

import java.util.Map;

/**
 * A message decided on, before it is sent: one reason ({@code sourceEventId}, {@code recipient}, {@code template}).
 *
 * @param recipient   {@code contact:<reference>} or {@code supervisor:<force>}; never an address
 * @param params      template values known when the message is planned (dates as ISO text); no contact details
 * @param sourceTopic the record it came from, for the dead-letter topic; null for scheduled updates
 */
public record PlannedMessage(String sourceEventId, String recipient, Template template, DeviceId deviceId,
                             ForceCode force, Map<String, String> params, String sourceTopic, String sourceKey,
                             String sourceValue) {

    public PlannedMessage {
        params = Map.copyOf(params);
    }

    public static String supervisorOf(ForceCode force) {
        return "supervisor:" + force.value();
    }
}
