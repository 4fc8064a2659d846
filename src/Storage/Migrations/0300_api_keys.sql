-- API keys for the HTTP API. Only the sha256 of each key's secret is stored; revoked keys stay for the audit trail.
CREATE TABLE IF NOT EXISTS api_keys (
    id            text        PRIMARY KEY,
    name          text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('viewer', 'oncall', 'admin')),
    secret_sha256 bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text,
    last_used_at  timestamptz
);

-- A name identifies one active key; a revoked name may be given to a new key.
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
