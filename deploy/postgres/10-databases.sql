-- Creates the roles and databases that share the stack's one PostgreSQL:
--   temporal, temporal_visibility   owned by role temporal  (Temporal server; schema by temporal-admin-tools)
--   mlflow                          owned by role mlflow    (MLflow tracking server; it migrates its own schema)
--   mlops                           owned by role mlops     (the platform: telemetry, scores, audit, Hangfire)
--
-- The postgres image runs this file once, as the superuser, when the data volume is empty
-- (it is mounted into /docker-entrypoint-initdb.d). Changing a password in .env later does not
-- change it here: either ALTER ROLE by hand or start from a fresh volume (docker compose down -v).
--
-- Passwords come from the container's environment through psql's \getenv (psql 15+, so this needs
-- postgres:15 or newer; the stack pins 16). Every statement is guarded, so running the file again
-- by hand (psql -f) is harmless.

\set ON_ERROR_STOP on

\getenv temporal_password TEMPORAL_DB_PASSWORD
\getenv mlflow_password MLFLOW_DB_PASSWORD
\getenv mlops_password MLOPS_DB_PASSWORD

-- --- roles ------------------------------------------------------------------------------------
-- temporal gets CREATEDB because `temporal-sql-tool create` issues CREATE DATABASE even when the
-- database exists (it ignores "already exists", but PostgreSQL checks the privilege first).
SELECT format('CREATE ROLE temporal LOGIN CREATEDB PASSWORD %L', :'temporal_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') \gexec

SELECT format('CREATE ROLE mlflow LOGIN PASSWORD %L', :'mlflow_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mlflow') \gexec

SELECT format('CREATE ROLE mlops LOGIN PASSWORD %L', :'mlops_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mlops') \gexec

-- --- databases --------------------------------------------------------------------------------
-- Each database is owned by its role; since PostgreSQL 15 the public schema belongs to the
-- database owner, so each service can create its own tables without further grants.
SELECT 'CREATE DATABASE temporal OWNER temporal'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal') \gexec

SELECT 'CREATE DATABASE temporal_visibility OWNER temporal'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility') \gexec

SELECT 'CREATE DATABASE mlflow OWNER mlflow'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mlflow') \gexec

SELECT 'CREATE DATABASE mlops OWNER mlops'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mlops') \gexec

-- Temporal's advanced-visibility schema (PostgreSQL v12 plugin) needs the btree_gin extension.
-- It is a trusted extension, so the owner could create it, but creating it here as the superuser
-- keeps the schema setup independent of that detail.
\connect temporal_visibility
CREATE EXTENSION IF NOT EXISTS btree_gin;
