-- The lifecycle audit trail: one row per decision effect, written by the RecordAudit activity.
-- A retried activity carries the same workflow run id, action and decision time, so the unique
-- key turns the retry into a no-op instead of a second line.
CREATE TABLE IF NOT EXISTS lifecycle_audit (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_name      text        NOT NULL,
    action          text        NOT NULL,
    actor           text        NOT NULL,
    reason          text        NOT NULL,
    version         text,
    stage           text,
    at              timestamptz NOT NULL,
    workflow_id     text        NOT NULL,
    workflow_run_id text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lifecycle_audit_once UNIQUE (workflow_run_id, action, at)
);

CREATE INDEX IF NOT EXISTS lifecycle_audit_model_at ON lifecycle_audit (model_name, at, id);
