import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from './AdminNotices';

export function AdminPage() {
  return (
    <>
      <PageTitle title="Admin" />
      <AdminNotices />
      <section className="card-grid" aria-label="Admin pages">
        <article className="card stack">
          <h2>
            <Link to="/admin/flags">Feature flags</Link>
          </h2>
          <p className="muted">Roll features out phase by phase, pick beta users, roll back, and see who gets what.</p>
        </article>
        <article className="card stack">
          <h2>
            <Link to="/admin/segments">Segments</Link>
          </h2>
          <p className="muted">Name groups of users (your company’s email domain, a tier, older accounts) that flags and phases target.</p>
        </article>
        <article className="card stack">
          <h2>
            <Link to="/admin/monitoring">Monitoring</Link>
          </h2>
          <p className="muted">Response times and error rates per operation, adoption, alerts and live connections.</p>
        </article>
        <article className="card stack">
          <h2>
            <Link to="/admin/webhooks">Webhooks</Link>
          </h2>
          <p className="muted">Send flag changes, rollout guard actions and alerts to Slack, PagerDuty or your own receiver.</p>
        </article>
      </section>
    </>
  );
}
