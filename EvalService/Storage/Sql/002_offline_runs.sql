-- Offline evaluation runs: one suite version over one dataset, started on demand or by a schedule.
--
-- eval_runs            one row per run (run_id is the caller's idempotency key).
--   request_hash         hash of the start request: the same run id with a different request is refused.
--   suite, suite_version the suite version the run is held to.
--   dataset_location     the file read, or 'inline' for content sent with the request.
--   dataset_format       'jsonl' or 'csv'.
--   model_under_test     the model that generated outputs for cases without one (null: outputs came with the cases).
--   schedule_id          the schedule that started the run (null: started by a caller).
--   state                'pending' → 'running' → 'completed' | 'failed' | 'cancelled'.
--   created_at, started_at, finished_at.
--   cases_total          cases read from the dataset (known once the dataset has been read).
--   cases_done           cases with a result = passed + failed + escalated + errored.
--   tokens_in/out, cost_usd  the run's gateway usage: judges and the model under test, summed over its cases.
--   error                why the run failed (null otherwise).
--   The counters are recomputed from eval_case_results whenever results are written, so a retried write
--   never counts a case twice.
--
-- eval_case_results    one row per (run_id, case_id); writing a case again replaces it (idempotent).
--   case_index           position in the dataset (0-based), for stable ordering.
--   input, output        the request and the answer judged; other_output: the second answer of a pairwise case.
--   expected             the expected answer, if the case has one; gold_label: the gold label ('1', '2', 'pass', 'fail', ...).
--   state                'passed' | 'failed' | 'escalated' (a person decides: agreement below the suite's threshold,
--                        or too few judges answered) | 'error' (malformed row, generation failed, ...).
--   score                the jury's score (null for errors); choice: the jury's pairwise choice (0 = tie).
--   checks               JSON array of check outcomes (id, type, passed, score, evidence, pii previews; never raw PII).
--   jury                 JSON of the jury's decision (aggregation, answered, quorum, agreement, ...), null if no jury ran.
--   error                why the case errored.
--   tokens_in/out, cost_usd  gateway usage of this case.
--
-- eval_judge_verdicts  one row per (run_id, case_id, judge); replaced when the case is written again.
--   model                the model the gateway routed; answered: false when the judge failed or timed out (error says why).
--   score, passed, choice (pairwise: 1, 2 or 0 = tie), reason.
--   latency_ms, tokens_in, tokens_out  of this judge's gateway calls.
CREATE TABLE eval_runs (
    run_id           text        PRIMARY KEY,
    request_hash     text        NOT NULL,
    suite            text        NOT NULL,
    suite_version    integer     NOT NULL,
    dataset_location text        NOT NULL,
    dataset_format   text        NOT NULL,
    model_under_test text,
    schedule_id      text,
    state            text        NOT NULL DEFAULT 'pending',
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    cases_total      integer     NOT NULL DEFAULT 0,
    cases_done       integer     NOT NULL DEFAULT 0,
    cases_passed     integer     NOT NULL DEFAULT 0,
    cases_failed     integer     NOT NULL DEFAULT 0,
    cases_escalated  integer     NOT NULL DEFAULT 0,
    cases_errored    integer     NOT NULL DEFAULT 0,
    tokens_in        bigint      NOT NULL DEFAULT 0,
    tokens_out       bigint      NOT NULL DEFAULT 0,
    cost_usd         double precision NOT NULL DEFAULT 0,
    error            text
);

CREATE INDEX eval_runs_by_suite ON eval_runs (suite, created_at DESC);
CREATE INDEX eval_runs_by_schedule ON eval_runs (schedule_id, created_at DESC) WHERE schedule_id IS NOT NULL;

CREATE TABLE eval_case_results (
    run_id       text        NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
    case_id      text        NOT NULL,
    case_index   integer     NOT NULL,
    input        text        NOT NULL,
    output       text        NOT NULL,
    other_output text,
    expected     text,
    gold_label   text,
    state        text        NOT NULL CHECK (state IN ('passed', 'failed', 'escalated', 'error')),
    score        double precision,
    choice       integer,
    checks       jsonb       NOT NULL DEFAULT '[]',
    jury         jsonb,
    error        text,
    tokens_in    bigint      NOT NULL DEFAULT 0,
    tokens_out   bigint      NOT NULL DEFAULT 0,
    cost_usd     double precision NOT NULL DEFAULT 0,
    written_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, case_id)
);

CREATE INDEX eval_case_results_by_state ON eval_case_results (run_id, state);

CREATE TABLE eval_judge_verdicts (
    run_id     text        NOT NULL,
    case_id    text        NOT NULL,
    judge      text        NOT NULL,
    model      text        NOT NULL,
    answered   boolean     NOT NULL,
    score      double precision,
    passed     boolean,
    choice     integer,
    reason     text        NOT NULL DEFAULT '',
    error      text        NOT NULL DEFAULT '',
    latency_ms integer     NOT NULL DEFAULT 0,
    tokens_in  bigint      NOT NULL DEFAULT 0,
    tokens_out bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, case_id, judge),
    FOREIGN KEY (run_id, case_id) REFERENCES eval_case_results (run_id, case_id) ON DELETE CASCADE
);
