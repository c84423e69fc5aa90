-- The portal's and ListProposals' read model: one row per proposal, written by the proposal's own workflow (an
-- activity after each change of state) and seeded by the import, so searching needs no Temporal visibility scan.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE approval_proposals (
    project       text        NOT NULL,
    unique_id     text        NOT NULL,
    name          text        NOT NULL,
    resource_type text        NOT NULL,
    owner_group   text        NOT NULL,
    status        text        NOT NULL,
    pending       integer     NOT NULL,
    stale         boolean     NOT NULL,
    version       bigint      NOT NULL,
    search_text   text        NOT NULL,
    opened_at     timestamptz NULL,
    escalated_at  timestamptz NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project, unique_id)
);

-- Substring search (ILIKE '%text%') over name, id and text uses the trigram index instead of reading every row.
CREATE INDEX approval_proposals_search ON approval_proposals
    USING gin ((name || ' ' || unique_id || ' ' || search_text) gin_trgm_ops);
CREATE INDEX approval_proposals_queue ON approval_proposals (owner_group, status, updated_at DESC);
CREATE INDEX approval_proposals_recent ON approval_proposals (updated_at DESC);

-- Reminders, escalations and expiries sent to owner groups (the portal's "my queue" shows them).
CREATE TABLE approval_notifications (
    id              bigserial   PRIMARY KEY,
    project         text        NOT NULL,
    unique_id       text        NOT NULL,
    name            text        NOT NULL,
    owner_group     text        NOT NULL,
    kind            text        NOT NULL,
    pending         integer     NOT NULL,
    at              timestamptz NOT NULL,
    webhook_status  text        NULL,
    idempotency_key text        NOT NULL UNIQUE
);

CREATE INDEX approval_notifications_group ON approval_notifications (owner_group, at DESC);
