-- The table dev.atelier.outbox.OutboxRelay publishes from; copy it into the service's own Flyway migration.
-- An event row is written in the same transaction as the change it announces, never as a dual write.
-- The relay reads id, aggregate_id, topic and payload and writes published_at; message_key, event_type and
-- created_at are for people and queries (the Kafka key and header come from the event itself, EventMessages.of).
create table outbox (
    id           bigserial   primary key,
    aggregate_id uuid        not null,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay only ever scans unpublished rows, in id order.
create index outbox_unpublished on outbox (id) where published_at is null;
-- The purge of published rows.
create index outbox_published_at on outbox (published_at) where published_at is not null;
