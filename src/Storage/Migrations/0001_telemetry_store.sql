-- Telemetry store: services, samples (partitioned by month), deploys, maintenance windows, incidents.
-- Natural keys make every ingestion path idempotent: a replayed batch hits ON CONFLICT and changes nothing.

CREATE TABLE services (
    name  text PRIMARY KEY,
    -- Tier 1 is the most critical; unknown services start at the least critical tier until someone says otherwise.
    tier  integer NOT NULL DEFAULT 3 CHECK (tier >= 1),
    owner text NOT NULL DEFAULT ''
);

CREATE TABLE telemetry_samples (
    time        timestamptz      NOT NULL,
    service     text             NOT NULL,
    host        text             NOT NULL,
    region      text             NOT NULL,
    environment text             NOT NULL,
    metric      text             NOT NULL,
    value       double precision NOT NULL,
    -- Series columns first: reads go series by series, then by time.
    CONSTRAINT telemetry_samples_series_time UNIQUE (service, host, region, environment, metric, time)
) PARTITION BY RANGE (time);

-- Monthly partitions are created on demand by the writer before a batch goes in. Creation runs under an
-- advisory lock because two writers racing on CREATE TABLE IF NOT EXISTS can still collide in the catalog.
CREATE FUNCTION ensure_telemetry_partition(month_start timestamptz) RETURNS void
LANGUAGE plpgsql AS $body$
DECLARE
    first_day date := date_trunc('month', month_start AT TIME ZONE 'UTC')::date;
    partition_name text := format('telemetry_samples_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('telemetry_samples_partitions'));
    EXECUTE format(
        'CREATE TABLE IF NOT EXISTS %I PARTITION OF telemetry_samples FOR VALUES FROM (%L) TO (%L)',
        partition_name,
        (first_day::timestamp AT TIME ZONE 'UTC'),
        ((first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
END
$body$;

CREATE TABLE deploy_events (
    service    text        NOT NULL,
    version    text        NOT NULL,
    commit     text        NULL,
    time       timestamptz NOT NULL,
    CONSTRAINT deploy_events_natural_key UNIQUE (service, version, time)
);
CREATE INDEX deploy_events_service_time ON deploy_events (service, time);

CREATE TABLE maintenance_windows (
    service    text        NOT NULL,
    start_time timestamptz NOT NULL,
    end_time   timestamptz NOT NULL,
    reason     text        NULL,
    CONSTRAINT maintenance_windows_natural_key UNIQUE (service, start_time, end_time),
    CONSTRAINT maintenance_windows_end_after_start CHECK (end_time >= start_time)
);

CREATE TABLE incidents (
    id         text        PRIMARY KEY,
    service    text        NOT NULL,
    start_time timestamptz NOT NULL,
    -- NULL while the incident is still open.
    end_time   timestamptz NULL,
    severity   text        NOT NULL,
    source     text        NOT NULL,
    title      text        NOT NULL,
    CONSTRAINT incidents_end_after_start CHECK (end_time IS NULL OR end_time >= start_time)
);
CREATE INDEX incidents_service_start ON incidents (service, start_time);
