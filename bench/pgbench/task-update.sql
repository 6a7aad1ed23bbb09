-- pgbench script: bench/pgbench (see docs/benchmarks.md, "How far a task update can go"); needs -D tmin=… -D tmax=… (the range of plan_tasks ids)
-- one task update as the app sends it: opener read, then the write batch, then COMMIT (status toggle 4 in 9, edit 5 in 9)
\set tid random(:tmin, :tmax)
\set kind random(1, 9)
\set opid random(1, 2000000000)
BEGIN;
SELECT t.plan_id AS pid, a.version AS pver, t.version AS tver, t.status AS st, (SELECT role FROM plan_members m WHERE m.plan_id = a.id AND m.user_id = a.user_id LIMIT 1) AS role,
  EXISTS (SELECT 1 FROM plan_operations o WHERE o.plan_id = a.id AND o.operation_id = (:opid)::text) AS used,
  s.id AS sid, s.completed_tasks AS sct, a.user_id AS owner,
  EXISTS (SELECT 1 FROM plan_operations o2 WHERE o2.plan_id = a.id AND o2.user_id = a.user_id AND o2.kind = 'undo' AND NOT o2.undone) AS redo
FROM plan_tasks t JOIN action_plans a ON a.id = t.plan_id
LEFT JOIN plan_progress_snapshots s ON s.plan_id = a.id AND s.day = current_date
LEFT JOIN task_dependencies d ON d.task_id = t.id
WHERE t.id = :tid LIMIT 1 \gset
\if :kind <= 4
UPDATE action_plans SET completed_tasks = completed_tasks, updated_at = now(), version = :pver::int + 1 WHERE id = :pid::int AND version = :pver::int RETURNING id;
UPDATE plan_tasks SET completed_at = CASE WHEN status = 'completed' THEN NULL ELSE now() END, completed_by = CASE WHEN status = 'completed' THEN NULL ELSE :owner::int END,
  status = CASE WHEN status = 'completed' THEN 'not_started' ELSE 'completed' END, updated_at = now(), version = :tver::int + 1 WHERE id = :tid RETURNING id;
\else
UPDATE action_plans SET updated_at = now(), version = :pver::int + 1 WHERE id = :pid::int AND version = :pver::int RETURNING id;
UPDATE plan_tasks SET title = left(md5(random()::text), 20), updated_at = now(), version = :tver::int + 1 WHERE id = :tid RETURNING id;
\endif
INSERT INTO task_history (action, is_undo, new_state, note, operation_id, plan_id, plan_version, previous_state, reverts_operation_id, task_id, timestamp, user_id)
  VALUES ('updated', false, '{"status":"completed","title":"A task title of some length"}', NULL, md5(random()::text), :pid::int, :pver::int + 1, '{"status":"not_started","title":"A task title of some length"}', NULL, :tid, now(), :owner::int) RETURNING id;
INSERT INTO plan_operations (created_at, kind, operation_id, plan_id, plan_version, target_operation_id, type, undoable, undone, user_id)
  VALUES (now(), 'change', md5(random()::text), :pid::int, :pver::int + 1, NULL, 'task_updated', true, false, :owner::int) RETURNING id;
\if :kind <= 4
UPDATE plan_progress_snapshots SET completed_tasks = completed_tasks WHERE plan_id = :pid::int AND day = current_date RETURNING id;
\endif
COMMIT;
