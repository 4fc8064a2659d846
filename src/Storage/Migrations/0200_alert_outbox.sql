-- Every notification is written here in the same transaction as the alert decision that caused it,
-- then delivered by the outbox dispatcher. A row is never deleted: it ends delivered or dead-lettered.
CREATE TABLE IF NOT EXISTS alert_outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at       timestamptz NOT NULL DEFAULT now(),
    channel          text        NOT NULL CHECK (channel IN ('slack', 'pagerduty', 'alertmanager', 'grafana')),
    dedup_key        text        NOT NULL CHECK (length(dedup_key) BETWEEN 1 AND 255),
    -- Names one message (channel, episode, action); a retried enqueue finds it instead of adding another.
    message_key      text        NOT NULL UNIQUE,
    -- The exact body the channel receives, without secrets (the PagerDuty routing key is added on send).
    payload          jsonb       NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    delivered_at     timestamptz,
    -- Set when the channel rejected the message for good (4xx other than 408/429): kept for an operator.
    dead_lettered_at timestamptz,
    CHECK (delivered_at IS NULL OR dead_lettered_at IS NULL)
);

-- The dispatcher's query: pending rows that are due, oldest first.
CREATE INDEX IF NOT EXISTS alert_outbox_pending_due
    ON alert_outbox (next_attempt_at, id)
    WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;

CREATE INDEX IF NOT EXISTS alert_outbox_dedup_key ON alert_outbox (dedup_key);
