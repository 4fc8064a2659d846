-- Which model version holds which stage: what the online scoring job scores with every minute.
-- One version per model and stage; moving a stage replaces the row.
CREATE TABLE IF NOT EXISTS model_stages (
    model                text             NOT NULL,
    stage                text             NOT NULL CHECK (stage IN ('shadow', 'secondary', 'champion')),
    version              text             NOT NULL,
    -- The version's folder in the artifact store (model.zip + manifest.json).
    model_folder         text             NOT NULL,
    feature_schema_hash  text             NOT NULL,
    threshold            double precision NOT NULL,
    updated_at           timestamptz      NOT NULL,
    updated_by           text             NOT NULL,
    PRIMARY KEY (model, stage)
);
