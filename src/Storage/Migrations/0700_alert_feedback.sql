-- What on-call did with the platform's alerts: verdicts on episodes (with their history) and PagerDuty's
-- acknowledge/resolve events. Everything refers to alert_episodes by dedup key, the key Slack and PagerDuty carry.

-- One row per verdict given. Rows are never updated or deleted: a change of mind is a new row, and the verdict
-- in force is the newest by decided_at, then by sequence (MLOps.Core.Feedback.VerdictHistory).
CREATE TABLE IF NOT EXISTS alert_verdicts (
    sequence   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key  text        NOT NULL REFERENCES alert_episodes (dedup_key),
    verdict    text        NOT NULL CHECK (verdict IN ('actionable', 'false-alarm', 'expected')),
    actor      text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    reason     text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    -- The receiving side's clock, never a time the client claimed.
    decided_at timestamptz NOT NULL,
    source     text        NOT NULL CHECK (source IN ('api', 'slack'))
);

CREATE INDEX IF NOT EXISTS alert_verdicts_episode ON alert_verdicts (dedup_key, decided_at, sequence);

-- Every PagerDuty v3 webhook event recorded, once per event id: a redelivery or a replayed capture finds its row
-- and changes nothing. Events whose incident matches no episode are kept too (incident_key says what it was).
CREATE TABLE IF NOT EXISTS pagerduty_events (
    event_id        text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    incident_id     text        NOT NULL,
    incident_key    text,
    -- Set when incident_key named a stored episode at the time the event arrived.
    dedup_key       text        REFERENCES alert_episodes (dedup_key),
    agent_id        text,
    agent_summary   text
);

CREATE INDEX IF NOT EXISTS pagerduty_events_dedup_key ON pagerduty_events (dedup_key) WHERE dedup_key IS NOT NULL;

-- How on-call answered each paged episode, folded from pagerduty_events in the transaction that records an event:
-- the first acknowledgement (a re-acknowledgement does not make it later) and the last resolve.
CREATE TABLE IF NOT EXISTS alert_episode_responses (
    dedup_key       text        PRIMARY KEY REFERENCES alert_episodes (dedup_key),
    acknowledged_at timestamptz,
    resolved_at     timestamptz
);
