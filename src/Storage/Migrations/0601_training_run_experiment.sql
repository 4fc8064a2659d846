-- The MLflow experiment a run was logged in (null for runs recorded without MLflow), so the API can link a
-- version to its run in the MLflow UI without asking MLflow.
ALTER TABLE training_runs ADD COLUMN IF NOT EXISTS experiment_id text;
