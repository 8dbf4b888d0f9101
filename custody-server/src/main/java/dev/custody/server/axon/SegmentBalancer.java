package dev.custody.server.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spreads the segments of every streaming processor over the nodes that run it.
 * <p>
 * Axon's processors claim free segments greedily: without Axon Server, the first node up takes them all and a second
 * node idles. Here each node keeps a heartbeat row per running processor in {@code processing_node}; every few
 * seconds it counts the live nodes running each processor (a node with that processor's role switched off does not
 * count), works out its fair share of the processor's segments (rounded up) and releases any segments beyond it
 * for a while, so that a node with fewer claims them. When a node stops, its row goes (or ages out if it died), the
 * survivors' fair shares grow and they claim its segments: at once if it released them on shutdown, otherwise
 * after the token store's claim timeout. Releasing is only a hint to the claim mechanism: it never loses or
 * duplicates processing, since a segment is only ever processed by the one node holding its claim.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Duration interval;

    SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc, AxonStorageConfig.ProcessingNode node,
                    @Value("${custody.processing.balance-interval:PT5S}") Duration interval) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.nodeId = node.id();
        this.interval = interval;
    }

    @Scheduled(initialDelayString = "${custody.processing.balance-interval:PT5S}",
            fixedDelayString = "${custody.processing.balance-interval:PT5S}")
    void balance() {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                jdbc.update("insert into processing_node (node_id, processor_name, seen_at) values (?, ?, now()) "
                        + "on conflict (node_id, processor_name) do update set seen_at = now()", nodeId, streaming.getName());
                release(streaming, liveNodes(streaming.getName()));
            }
        }
    }

    private int liveNodes(String processorName) {
        Integer live = jdbc.queryForObject("select count(*) from processing_node where processor_name = ? "
                + "and seen_at > now() - ?::interval", Integer.class, processorName, (interval.toMillis() * 3) + " milliseconds");
        return Math.max(1, live == null ? 1 : live);
    }

    private void release(StreamingEventProcessor processor, int nodes) {
        int total = segmentCount(processor.getName());
        if (total == 0) {
            return;
        }
        int fair = (total + nodes - 1) / nodes;
        List<Integer> mine = processor.processingStatus().keySet().stream().sorted().toList();
        for (int i = fair; i < mine.size(); i++) {
            int segment = mine.get(i);
            log.info("releasing segment {} of {} for another node: {} live nodes, fair share {} of {}",
                    segment, processor.getName(), nodes, fair, total);
            processor.releaseSegment(segment, interval.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
    }

    private int segmentCount(String processorName) {
        Integer n = jdbc.queryForObject("select count(*) from token_entry where processor_name = ?", Integer.class, processorName);
        return n == null ? 0 : n;
    }

    /**
     * Removes this node's heartbeats so the others take over its segments at once. Bounded to a second: when the
     * database is already gone (an embedded one stops in its own shutdown hook) waiting for a connection would hold
     * the shutdown for the pool's whole connection timeout, and the rows age out anyway.
     */
    @PreDestroy
    void leave() {
        try {
            CompletableFuture.runAsync(() -> jdbc.update("delete from processing_node where node_id = ?", nodeId))
                    .get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("could not remove the heartbeats of {}; they age out", nodeId, e);
        }
    }
}
