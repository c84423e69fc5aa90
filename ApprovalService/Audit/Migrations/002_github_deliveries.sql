-- GitHub webhook deliveries already handled: a replayed delivery (same X-GitHub-Delivery) is ignored.
CREATE TABLE github_deliveries (
    delivery_id text        PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);
