-- Plan load time
SELECT 
  AVG(response_time_ms) as avg_load_time,
  PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY response_time_ms) as p95_load_time
FROM analytics_events
WHERE event_type = 'plan_loaded'
  AND timestamp > NOW() - INTERVAL '1 hour';

-- Task update latency
SELECT 
  AVG(response_time_ms) as avg_update_time,
  PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY response_time_ms) as p95_update_time
FROM analytics_events
WHERE event_type = 'task_updated'
  AND timestamp > NOW() - INTERVAL '1 hour';

-- Feature adoption rate
SELECT 
  COUNT(DISTINCT user_id) as users_with_plans,
  COUNT(*) as total_plans,
  AVG(total_tasks) as avg_tasks_per_plan
FROM action_plans
WHERE created_at > NOW() - INTERVAL '7 days';

-- Task completion rate
SELECT 
  COUNT(CASE WHEN status = 'completed' THEN 1 END)::float / COUNT(*) * 100 as completion_rate
FROM plan_tasks
WHERE created_at > NOW() - INTERVAL '7 days';

-- Error rate
SELECT 
  COUNT(CASE WHEN severity = 'error' THEN 1 END)::float / COUNT(*) * 100 as error_rate
FROM security_audit_logs
WHERE action LIKE '%action_plan%'
  AND timestamp > NOW() - INTERVAL '1 hour';
