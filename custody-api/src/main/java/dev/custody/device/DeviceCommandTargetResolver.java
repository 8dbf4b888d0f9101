package dev.custody.device;

import dev.custody.commands.DeviceCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;


/**
 * Routes a {@link DeviceCommand} to its custody record without Axon annotations in the contract module.
 * <p>
 * A client that sends {@code If-Match} puts the version it last saw under {@link #EXPECTED_VERSION}; Axon then
 * refuses the command if anything was recorded since, so no one acts on stale state.
 */
@Component("deviceCommandTargetResolver")
class DeviceCommandTargetResolver implements CommandTargetResolver {

    static final String EXPECTED_VERSION = "expectedVersion";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof DeviceCommand deviceCommand)) {
            throw new IllegalArgumentException("not a device command: " + command.getPayloadType());
        }
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        Long version = expected == null ? null : ((Number) expected).longValue();
        return new VersionedAggregateIdentifier(deviceCommand.deviceId().toString(), version);
    }
}
