-- How far each configured Prometheus query has been pulled: the next run starts right after it.
CREATE TABLE prometheus_pull_watermarks (
    query_name text        PRIMARY KEY,
    pulled_to  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
