package dev.atelier.image.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import dev.atelier.events.GenerationCanceled;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.OutboxMessage;
import dev.atelier.image.repository.JobActivityRepository;
import dev.atelier.image.repository.OutboxRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** The events a cancel or the reaper sends the worker, written to the outbox in the caller's transaction. */
@ApplicationScoped
public class JobOutbox {
    private final OutboxRepository outbox;
    private final JobActivityRepository activity;
    private final ObjectMapper mapper;

    public JobOutbox(OutboxRepository outbox, JobActivityRepository activity, ObjectMapper mapper) {
        this.outbox = outbox;
        this.activity = activity;
        this.mapper = mapper;
    }

    /** Tells the worker to stop the job if it has not finished it. */
    public Uni<GenerationCanceled> canceled(GenerationJob job, String reason, Instant at) {
        GenerationCanceled event = new GenerationCanceled(UUID.randomUUID(), GenerationCanceled.VERSION, at,
                job.getUserId(), job.getId(), reason);
        return write(job, Topics.GENERATION_CANCELED, event, at).replaceWith(event);
    }

    /**
     * Asks again for the job at its current attempt, with a new event id: the same request as before (prompt, seed,
     * params…), copied from the job's last request in the outbox so nothing the submit derived is lost; rebuilt from
     * the job once that row is purged.
     */
    public Uni<GenerationRequested> requestedAgain(GenerationJob job, Instant at) {
        return activity.lastRequest(job.getId(), Topics.GENERATION_REQUESTED).chain(payload -> {
            GenerationRequested before = payload == null ? null : read(job, payload);
            GenerationRequested event = before != null
                    ? new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, at, before.userId(),
                            before.jobId(), before.prompt(), before.style(), before.size(), before.count(),
                            before.name(), before.emotion(), before.seed(), before.provider(), job.getAttempt(),
                            before.params())
                    : new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, at, job.getUserId(),
                            job.getId(), job.getPrompt(), job.getStyle(), job.getSize(), job.getCount(),
                            job.getName(), job.getEmotion(), job.getSeed(), job.getProvider(), job.getAttempt(),
                            Map.of());
            return write(job, Topics.GENERATION_REQUESTED, event, at).replaceWith(event);
        });
    }

    private GenerationRequested read(GenerationJob job, String payload) {
        try {
            return mapper.readValue(payload, GenerationRequested.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Job %s: its last request in the outbox is unreadable; rebuilt from the job", job.getId());
            return null;
        }
    }

    private Uni<Void> write(GenerationJob job, String topic, Event event, Instant at) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise event " + event.eventId(), e));
        }
        return outbox.persist(new OutboxMessage(job.getId(), topic, job.getUserId().toString(), event.eventType(),
                json, at)).replaceWithVoid();
    }
}
