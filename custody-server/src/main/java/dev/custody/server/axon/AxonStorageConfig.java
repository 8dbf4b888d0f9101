package dev.custody.server.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.custody.events.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.util.StringUtils;

import java.lang.management.ManagementFactory;

/**
 * The event store and token store on PostgreSQL, in the snake_case tables Flyway creates
 * ({@code db/migration/api}), with events as JSON a DBA can read.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfig {

    /** PostgreSQL reports a unique-key violation as SQL state 23505: two appends raced for one sequence number. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Axon's JDBC storage engine exactly as its auto-configuration builds it, except that without snapshots (the
     * default) the snapshot lookup before each aggregate load is skipped; see {@link SnapshotlessJdbcEventStorageEngine}.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema schema,
                                          @Value("${custody.event-store.snapshots:false}") boolean snapshots,
                                          @Value("${custody.event-store.fetch-size:1000}") int fetchSize) {
        // Rows per query when streaming the store: a replay reads millions, so a few hundred round trips beat fifty thousand.
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .batchSize(fetchSize)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema);
        return snapshots ? builder.build() : new SnapshotlessJdbcEventStorageEngine(builder);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * This node's name as the owner of processor segments in {@code token_entry}: {@code custody.node-id}, or Axon's
     * default (process id @ host name). Two nodes must never share one, or each would treat the other's claims as
     * its own.
     */
    public record ProcessingNode(String id) {
    }

    @Bean
    ProcessingNode processingNode(@Value("${custody.node-id:}") String nodeId) {
        return new ProcessingNode(StringUtils.hasText(nodeId) ? nodeId : ManagementFactory.getRuntimeMXBean().getName());
    }

    /** Axon's JDBC token store as its auto-configuration builds it, with the owner name from {@link ProcessingNode}. */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema,
                          TokenStoreProperties properties, ProcessingNode node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(node.id())
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The mapper Axon stores events with: the contract's {@link EventJson}, the same mapping the Kafka records and
     * their consumers use. Kept apart from the web mapper so that a change to how the API renders JSON can never
     * change what is stored.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return EventJson.mapper();
    }

    /** The web mapper; declared because a second ObjectMapper bean switches off Boot's default one. */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.featuresToDisable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build();
    }
}
