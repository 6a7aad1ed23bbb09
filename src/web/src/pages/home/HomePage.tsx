import type { PageProps } from '../../app/routes';
import { PageTitle } from '../../components/PageTitle';
import { tierLabels } from '../../components/TierBadge';

export function HomePage({ user }: PageProps) {
  return (
    <>
      <PageTitle title="Home">Welcome, {user.displayName}</PageTitle>
      <p className="lead">
        You are on the <strong>{tierLabels[user.tier]}</strong> tier.
      </p>
      <section className="card-grid" aria-label="What you can do here">
        <article className="card">
          <h2>Search for gaps</h2>
          <p className="muted">Describe a market and see the gaps nobody has built for yet.</p>
          <p className="soon">Coming soon</p>
        </article>
        <article className="card">
          <h2>Work an action plan</h2>
          <p className="muted">Turn a gap into phases and tasks, and take it through to launch.</p>
          <p className="soon">Coming soon</p>
        </article>
      </section>
    </>
  );
}
