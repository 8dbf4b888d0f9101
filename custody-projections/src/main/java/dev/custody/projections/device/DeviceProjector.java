package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.deadline.DeadlineProperties;
import dev.custody.projections.deadline.Deadlines;
import dev.custody.projections.view.DeviceView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Feeds every read model of this module from the event store: device status, open deadlines (closing alerts as
 * their steps arrive), custody periods for reports and the logging-lag histogram.
 * <p>
 * Runs in the {@value #PROCESSING_GROUP} pooled streaming processor, whose token lives in PostgreSQL beside the
 * tables it writes. Events of one device stay in order (one segment per device); a batch is written in one
 * transaction with the token.
 */
@Component
@ProcessingGroup(DeviceProjector.PROCESSING_GROUP)
@ConditionalOnProperty(name = "custody.roles.projections", havingValue = "true", matchIfMissing = true)
public class DeviceProjector {

    public static final String PROCESSING_GROUP = "device-projection";
    private static final String BATCH = DeviceProjector.class.getName() + ".batch";

    private final ProjectionStore store;
    private final Deadlines deadlines;
    private final DeadlineProperties settings;
    private final ProjectionListener listener;
    private final List<ProjectionCommitListener> commitListeners;

    DeviceProjector(ProjectionStore store, DeadlineProperties settings, ProjectionListener listener,
                    ObjectProvider<ProjectionCommitListener> commitListeners) {
        this.store = store;
        this.deadlines = Deadlines.standard();
        this.settings = settings;
        this.listener = listener;
        this.commitListeners = commitListeners.orderedStream().toList();
    }

    @EventHandler
    void on(DeviceEvent event, @SequenceNumber Long sequenceNumber, ReplayStatus replayStatus) {
        batch(replayStatus).apply(event, sequenceNumber);
        if (!replayStatus.isReplay()) {
            listener.handled(event);
        }
    }

    /** Before a replay from the start, every rebuildable read model is emptied in the reset's transaction. */
    @ResetHandler
    void reset() {
        store.truncateReadModels();
    }

    private ProjectionBatch batch(ReplayStatus replayStatus) {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(BATCH, key -> {
            ProjectionBatch batch = new ProjectionBatch(store, deadlines, settings, false);
            if (uow instanceof BatchingUnitOfWork<?> batching) {
                batch.prefetch(deviceIds(batching.getMessages()));
            }
            uow.onPrepareCommit(u -> {
                batch.flush();
                if (!replayStatus.isReplay()) {
                    listener.flushed(batch.resolved(), batch.returned());
                }
            });
            if (!replayStatus.isReplay() && !commitListeners.isEmpty()) {
                uow.afterCommit(u -> {
                    List<DeviceView> changed = batch.changed();
                    if (!changed.isEmpty()) {
                        commitListeners.forEach(l -> l.committed(changed));
                    }
                });
            }
            return batch;
        });
    }

    private static List<UUID> deviceIds(List<? extends Message<?>> messages) {
        List<UUID> ids = new ArrayList<>(messages.size());
        for (Message<?> m : messages) {
            if (m instanceof DomainEventMessage<?> d && m.getPayload() instanceof DeviceEvent) {
                ids.add(UUID.fromString(d.getAggregateIdentifier()));
            }
        }
        return ids;
    }
}
