-- Autonoma's persisted schema (the seed's tables), PostgreSQL 13+ with pgvector 0.5+.
-- The extension must exist or the migrating role must be allowed to create it
-- (ci/pgvector.sh creates it as superuser; IF NOT EXISTS then does nothing).
CREATE EXTENSION IF NOT EXISTS vector;

-- ---------------------------------------------------------------------------------------------
-- Tenancy: every project belongs to exactly one owner (a user). Stores are scoped to one owner.
CREATE TABLE users (
    id            text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    email         text UNIQUE,
    display_name  text,
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_sha256 char(64) NOT NULL UNIQUE,
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);
CREATE INDEX user_sessions_expires_idx ON user_sessions (expires_at) WHERE revoked_at IS NULL;

-- A project's name is the API's project id; names are unique per owner, so two owners can each
-- have an "app" and neither can see, guess or squat the other's.
CREATE TABLE projects (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' AND position('..' IN name) = 0),
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_id, name)
);

-- ---------------------------------------------------------------------------------------------
-- Runs: one row per pipeline run (run id = GenerationEvent.runId). A resumed run keeps its run id;
-- each (re)start is a new "segment" so that event sequence numbers, which restart at every
-- start, stay unique as (run_id, segment, seq).
CREATE TABLE generation_requests (
    run_id             text PRIMARY KEY CHECK (length(run_id) BETWEEN 1 AND 200),
    owner_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id         uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    prompt             text NOT NULL DEFAULT '',
    spec               jsonb,
    options            jsonb NOT NULL DEFAULT '{}'::jsonb,
    agents             text[] NOT NULL DEFAULT '{}',
    status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    message            text,
    segment            integer NOT NULL DEFAULT 1 CHECK (segment >= 1),
    segment_started_at timestamptz,
    started_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    duration_ms        bigint CHECK (duration_ms >= 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX generation_requests_project_idx ON generation_requests (project_id, started_at DESC);
CREATE INDEX generation_requests_owner_idx ON generation_requests (owner_id, started_at DESC);
CREATE INDEX generation_requests_running_idx ON generation_requests (status) WHERE status = 'running';

-- ---------------------------------------------------------------------------------------------
-- Versioned files. Version n+1 of (project, path) is only written while holding the project's
-- row lock, so concurrent puts get 1..N without gaps; the unique key is the safety net.
CREATE TABLE generated_components (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    path        text NOT NULL CHECK (length(path) BETWEEN 1 AND 1024),
    version     integer NOT NULL CHECK (version >= 1),
    content     bytea NOT NULL,
    size_bytes  integer NOT NULL CHECK (size_bytes >= 0),
    sha256      char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    produced_by text NOT NULL,
    run_id      text REFERENCES generation_requests (run_id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (project_id, path, version)
);
CREATE INDEX generated_components_run_idx ON generated_components (run_id) WHERE run_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- One row per agent attempt per segment of a run. When a run resumes, attempts of earlier segments
-- still 'running' are closed: 'finished' if the agent has a checkpoint, else 'interrupted'.
CREATE TABLE agent_sessions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      text NOT NULL REFERENCES generation_requests (run_id) ON DELETE CASCADE,
    segment     integer NOT NULL DEFAULT 1,
    agent       text NOT NULL,
    attempt     integer NOT NULL CHECK (attempt >= 1),
    status      text NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'retrying', 'restored', 'interrupted')),
    summary     text,
    error       text,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    duration_ms bigint CHECK (duration_ms >= 0),
    UNIQUE (run_id, segment, agent, attempt)
);
CREATE INDEX agent_sessions_agent_idx ON agent_sessions (agent, status);

-- Everything agents report while they run (AgentLog, ArtifactWritten, ValidationReport…).
CREATE TABLE agent_logs (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id   text NOT NULL REFERENCES generation_requests (run_id) ON DELETE CASCADE,
    segment  integer NOT NULL DEFAULT 1,
    seq      bigint NOT NULL,
    agent    text,
    kind     text NOT NULL,
    message  text NOT NULL DEFAULT '',
    details  jsonb,
    at       timestamptz NOT NULL,
    UNIQUE (run_id, segment, seq)
);
CREATE INDEX agent_logs_agent_idx ON agent_logs (run_id, agent);

-- Checkpoints: an agent that finished in a run, with its result, committed as it finishes, so that
-- resuming the run does not redo it.
CREATE TABLE agent_checkpoints (
    run_id      text NOT NULL,
    owner_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agent       text NOT NULL,
    summary     text NOT NULL DEFAULT '',
    outputs     jsonb NOT NULL DEFAULT '{}'::jsonb,
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, agent)
);

-- ---------------------------------------------------------------------------------------------
-- Templates. code_templates holds the seed's code_templates, ui_components, api_patterns and
-- deployment_configs collections (and any user collection); project_templates holds app
-- archetypes. Both have the same shape: 384-dim embeddings (all-MiniLM-L6-v2) with an HNSW
-- cosine index, keyword terms (GIN) with a document length for BM25 keyword scoring, and a
-- weighted English tsvector (GIN) for ad-hoc full-text queries. "namespace" separates independent
-- indexes in one database.
CREATE TABLE code_templates (
    namespace   text NOT NULL DEFAULT 'default',
    id          text NOT NULL,
    collection  text NOT NULL,
    title       text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    content     text NOT NULL DEFAULT '',
    tags        text[] NOT NULL DEFAULT '{}',
    metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
    framework   text GENERATED ALWAYS AS (metadata ->> 'framework') STORED,
    embedding   vector(384) NOT NULL,
    terms       text[] NOT NULL DEFAULT '{}',     -- distinct keyword terms (the reference tokenizer's)
    doc_length  integer NOT NULL DEFAULT 0,       -- weighted term count (title and tags twice), for BM25
    tsv         tsvector NOT NULL,                -- English full-text (title/tags A, description B, content C)
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (namespace, id)
);
CREATE INDEX code_templates_embedding_idx ON code_templates USING hnsw (embedding vector_cosine_ops);
CREATE INDEX code_templates_tsv_idx ON code_templates USING gin (tsv);
CREATE INDEX code_templates_terms_idx ON code_templates USING gin (terms);
CREATE INDEX code_templates_filter_idx ON code_templates (namespace, collection, framework);

CREATE TABLE project_templates (LIKE code_templates INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED);
ALTER TABLE project_templates ADD PRIMARY KEY (namespace, id);
ALTER TABLE project_templates ADD CHECK (collection = 'project_templates');
ALTER TABLE code_templates ADD CHECK (collection <> 'project_templates');
CREATE INDEX project_templates_embedding_idx ON project_templates USING hnsw (embedding vector_cosine_ops);
CREATE INDEX project_templates_tsv_idx ON project_templates USING gin (tsv);
CREATE INDEX project_templates_terms_idx ON project_templates USING gin (terms);
CREATE INDEX project_templates_filter_idx ON project_templates (namespace, collection, framework);
