-- pgbench script: bench/pgbench (see docs/benchmarks.md, "How far a task update can go"); needs -D tmin=… -D tmax=…
-- the least a durable change is: one row updated in its own transaction
\set tid random(:tmin, :tmax)
BEGIN;
UPDATE plan_tasks SET title = left(md5(random()::text), 20), updated_at = now(), version = version + 1 WHERE id = :tid RETURNING id;
COMMIT;
