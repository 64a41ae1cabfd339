package dev.atelier.worker.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Moves the cancel consumer back to the first record of the last {@code atelier.worker.cancel.memory} whenever it
 * gets partitions. A worker that starts (or restarts) after a job was canceled, but before the job reaches it, then
 * still knows. Partitions with nothing that recent stay at their end ({@code auto.offset.reset=latest}).
 */
@ApplicationScoped
@Identifier(CancelRewindListener.NAME)
public class CancelRewindListener implements KafkaConsumerRebalanceListener {
    public static final String NAME = "generation-canceled-rewind";

    private final Duration memory;
    private final Clock clock;

    @Inject
    public CancelRewindListener(WorkerConfig config) {
        this(config.cancel().memory(), Clock.systemUTC());
    }

    CancelRewindListener(Duration memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long since = clock.millis() - memory.toMillis();
        Map<TopicPartition, Long> query = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        int rewound = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
                rewound++;
            }
        }
        Log.infof("cancel consumer: rewound %d of %d partitions to %s ago", rewound, partitions.size(), memory);
    }
}
