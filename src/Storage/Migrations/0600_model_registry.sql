-- The platform's own model registry: every training run and registered version, so the lifecycle can
-- put a version on a stage (model_stages) without MLflow. When MLflow is configured it stays the
-- registry people browse, and these rows carry its run ids and version numbers.

-- One row per retrain workflow run; a retried LogTrainingRun finds its row by the workflow run id.
CREATE TABLE IF NOT EXISTS training_runs (
    run_id           text        PRIMARY KEY,
    model            text        NOT NULL,
    workflow_id      text        NOT NULL,
    workflow_run_id  text        NOT NULL UNIQUE,
    dataset_sha256   text        NOT NULL,
    code_version     text        NOT NULL,
    params           jsonb       NOT NULL,
    metrics          jsonb       NOT NULL,
    tags             jsonb       NOT NULL,
    logged_at        timestamptz NOT NULL DEFAULT now()
);

-- Versions are numbered per model like MLflow's (1, 2, ...), and are MLflow's numbers when it is
-- configured. A model folder is registered once: registering it again returns its version.
CREATE TABLE IF NOT EXISTS model_versions (
    model                text             NOT NULL,
    version              bigint           NOT NULL CHECK (version > 0),
    run_id               text             NOT NULL,
    model_folder         text             NOT NULL,
    artifact_sha256      text             NOT NULL,
    feature_schema_hash  text             NOT NULL,
    threshold            double precision NOT NULL,
    detector             text,
    metrics              jsonb            NOT NULL,
    registered_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (model, version),
    CONSTRAINT model_versions_folder_once UNIQUE (model, model_folder)
);
