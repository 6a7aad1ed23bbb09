import type { PageProps } from '../../app/routes';
import { PLANS_ROLLING_OUT } from '../../components/FeatureUnavailable';
import { PageTitle } from '../../components/PageTitle';
import { tierLabels } from '../../components/TierBadge';
import { PLANS_FEATURE, useFeature } from '../../live/features';
import { Link } from '../../router/router';

export function HomePage({ user }: PageProps) {
  const plans = useFeature(PLANS_FEATURE);
  return (
    <>
      <PageTitle title="Home">Welcome, {user.displayName}</PageTitle>
      <p className="lead">
        You are on the <strong>{tierLabels[user.tier]}</strong> tier.
      </p>
      <section className="card-grid" aria-label="What you can do here">
        <article className="card">
          <h2>
            <Link to="/search">Search for gaps</Link>
          </h2>
          <p className="muted">Describe a market and see the gaps nobody has built for yet.</p>
        </article>
        <article className="card">
          <h2>{plans === 'on' ? <Link to="/plans">Work an action plan</Link> : 'Work an action plan'}</h2>
          <p className="muted">Turn a gap into phases and tasks, and take it through to launch.</p>
          {plans === 'off' && <p className="unavailable-reason">{PLANS_ROLLING_OUT}</p>}
        </article>
      </section>
    </>
  );
}
