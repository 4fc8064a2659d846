-- What the alert policy decided, and the episodes it keeps open between scoring passes. Written in
-- one transaction with the alert_outbox rows the decisions cause.
CREATE TABLE IF NOT EXISTS alert_decisions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Names one decision so that a retried scoring pass records nothing twice.
    decision_key  text             NOT NULL UNIQUE,
    decided_at    timestamptz      NOT NULL,
    kind          text             NOT NULL CHECK (kind IN ('new', 'deduplicated', 'suppressed', 'resolved')),
    route         text             NOT NULL CHECK (route IN ('record', 'chat', 'page')),
    model         text             NOT NULL,
    version       text             NOT NULL,
    stage         text             NOT NULL,
    service       text             NOT NULL,
    dedup_key     text             CHECK (length(dedup_key) <= 255),
    window_end    timestamptz,
    score         double precision,
    threshold     double precision,
    rank          integer,
    -- Suppression or resolve reason, top features, annotations: whatever explains the decision.
    details       jsonb            NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX IF NOT EXISTS alert_decisions_service_time ON alert_decisions (service, decided_at);
CREATE INDEX IF NOT EXISTS alert_decisions_model_version ON alert_decisions (model, version, decided_at);

CREATE TABLE IF NOT EXISTS alert_episodes (
    dedup_key      text        PRIMARY KEY CHECK (length(dedup_key) <= 255),
    model          text        NOT NULL,
    version        text        NOT NULL,
    stage          text        NOT NULL,
    service        text        NOT NULL,
    severity       text        NOT NULL,
    incident_start timestamptz NOT NULL,
    last_above_at  timestamptz NOT NULL,
    resolved_at    timestamptz,
    resolve_reason text
);

-- The policy allows one open episode per model version and service.
CREATE UNIQUE INDEX IF NOT EXISTS alert_episodes_one_open
    ON alert_episodes (model, version, service)
    WHERE resolved_at IS NULL;
