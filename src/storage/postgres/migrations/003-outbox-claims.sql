-- Several replicas share the outbox: a job being sent names the replica that claimed it, so a
-- replica recovering interrupted jobs takes back only those of replicas that are gone (their
-- liveness lock is free), never a job another live replica is sending right now.
ALTER TABLE outbox ADD COLUMN claimed_by text;
