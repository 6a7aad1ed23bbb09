import { PageTitle } from '../../components/PageTitle';

// Placeholder: feature flags and the monitoring dashboard (DESIGN §10) will live under /admin.
export function AdminPage() {
  return (
    <>
      <PageTitle title="Admin" />
      <p className="lead">Feature flags, rollouts and monitoring will live here.</p>
    </>
  );
}
