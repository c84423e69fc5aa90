-- Suite versions are immutable: a registration that changes the YAML adds a version.
CREATE TABLE suite_versions (
    name          text        NOT NULL,
    version       integer     NOT NULL,
    yaml          text        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);

-- Final verdicts of live turns (the workflow histories are not kept forever).
CREATE TABLE turn_verdicts (
    turn_id       text        PRIMARY KEY,
    suite         text        NOT NULL,
    suite_version integer     NOT NULL,
    decision      text        NOT NULL,
    reason        text        NOT NULL,
    verdict       jsonb       NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now()
);
