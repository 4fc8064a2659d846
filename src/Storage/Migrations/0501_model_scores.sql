-- Every score the online job produced: the shadow report compares two versions over a window of these.
CREATE TABLE IF NOT EXISTS model_scores (
    model         text        NOT NULL,
    version       text        NOT NULL,
    stage         text        NOT NULL CHECK (stage IN ('shadow', 'secondary', 'champion')),
    service       text        NOT NULL,
    window_end    timestamptz NOT NULL,
    score         real        NOT NULL,
    threshold     real        NOT NULL,
    top_features  jsonb,
    scored_at     timestamptz NOT NULL,
    -- A retried pass finds its scores already there and inserts nothing.
    PRIMARY KEY (model, version, service, window_end)
);

-- The shadow report reads one version over a time window across every service.
CREATE INDEX IF NOT EXISTS model_scores_version_window ON model_scores (model, version, window_end);
