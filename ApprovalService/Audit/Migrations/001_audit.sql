-- One row per decision and per shipped change. Rows are only ever added (and a shipped row's merge
-- columns filled once); Temporal history is the second record of the same facts.
CREATE TABLE approval_audit (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('decision', 'shipped')),
    project          text        NOT NULL,
    unique_id        text        NOT NULL,
    column_name      text        NULL,
    llm_original     text        NULL,
    final_text       text        NULL,
    decision         text        NULL,
    reason           text        NULL,
    reviewer         text        NULL,
    at               timestamptz NOT NULL,
    pull_request_url text        NULL,
    merge_commit     text        NULL,
    merged_at        timestamptz NULL,
    model            text        NULL,
    prompt_version   text        NULL,
    -- An activity retried after writing must not write twice.
    idempotency_key  text        NOT NULL UNIQUE
);

CREATE INDEX approval_audit_node ON approval_audit (project, unique_id, at DESC);
