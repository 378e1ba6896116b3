-- Generation as a service over many instances (autonoma-spring's jobs mode).

-- Every event of a run as JSON, so that another instance can serve the run's event stream.
ALTER TABLE agent_logs ADD COLUMN event jsonb;

-- Each stored event wakes the instances that stream the run (payload: the run id). NOTIFY is
-- delivered at commit, so a listener that reads after the notification sees the row.
CREATE FUNCTION autonoma_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('autonoma_events', NEW.run_id);
    RETURN NULL;
END $$;
CREATE TRIGGER agent_logs_notify AFTER INSERT ON agent_logs FOR EACH ROW EXECUTE FUNCTION autonoma_notify_event();

-- db-scheduler's queue (its documented PostgreSQL table, under our own name).
CREATE TABLE autonoma_scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX autonoma_scheduled_tasks_execution_time_idx ON autonoma_scheduled_tasks (execution_time);
CREATE INDEX autonoma_scheduled_tasks_last_heartbeat_idx ON autonoma_scheduled_tasks (last_heartbeat);
CREATE INDEX autonoma_scheduled_tasks_priority_idx ON autonoma_scheduled_tasks (priority DESC, execution_time ASC);

-- One row per generation job: who asked (the API's authenticated user, not the store's tenant),
-- where it runs, how often it was started (a job revived after its instance died starts again).
CREATE TABLE autonoma_jobs (
    run_id           text PRIMARY KEY CHECK (length(run_id) BETWEEN 1 AND 200),
    owner            text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
    source           text NOT NULL,
    prompt_note      text NOT NULL DEFAULT '',
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    message          text NOT NULL DEFAULT '',
    cancel_requested boolean NOT NULL DEFAULT false,
    instance         text,
    starts           integer NOT NULL DEFAULT 0,
    tokens           bigint NOT NULL DEFAULT 0,
    cost_micros      bigint NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE INDEX autonoma_jobs_owner_idx ON autonoma_jobs (owner, created_at);
CREATE INDEX autonoma_jobs_open_idx ON autonoma_jobs (status) WHERE status IN ('queued', 'running');

-- Model tokens and cost spent per user and UTC day, for the daily quotas.
CREATE TABLE autonoma_usage (
    owner       text NOT NULL,
    day         date NOT NULL,
    tokens      bigint NOT NULL DEFAULT 0,
    cost_micros bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, day)
);
