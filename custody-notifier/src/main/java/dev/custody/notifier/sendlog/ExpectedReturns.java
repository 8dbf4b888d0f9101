package dev.custody.notifier.sendlog;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.queries.ExpectedReturn;
import dev.custody.queries.ExpectedReturnQuery;
import dev.custody.values.DeviceId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the read side when a device is expected back. No answer in time, no handler, an error or an empty answer all
 * mean the same to a victim's message: the estimate is left out, and the message still goes.
 */
@Component
@NotifierRole
public class ExpectedReturns {

    private static final Logger log = LoggerFactory.getLogger(ExpectedReturns.class);

    private final ObjectProvider<QueryGateway> gateway;
    private final Duration timeout;

    ExpectedReturns(ObjectProvider<QueryGateway> gateway, NotifierProperties properties) {
        this.gateway = gateway;
        this.timeout = properties.queryTimeout();
    }

    public Optional<ExpectedReturn> of(DeviceId deviceId) {
        QueryGateway queries = gateway.getIfAvailable();
        if (queries == null) {
            return Optional.empty();
        }
        try {
            Optional<ExpectedReturn> answer = queries.query(new ExpectedReturnQuery(deviceId),
                    ResponseTypes.optionalInstanceOf(ExpectedReturn.class)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? Optional.empty() : answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("No expected return for {}: {}", deviceId, e.toString());
            return Optional.empty();
        }
    }
}
