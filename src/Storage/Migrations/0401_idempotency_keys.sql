-- Responses of mutating API calls sent with an Idempotency-Key, so a retried call gets the first answer
-- instead of repeating the command. Keys are scoped to the actor: two keys never see each other's answers.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key            text        NOT NULL,
    actor          text        NOT NULL,
    route          text        NOT NULL,
    request_sha256 bytea       NOT NULL,
    status_code    integer     NOT NULL,
    content_type   text        NOT NULL,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);
