import { PageTitle } from './PageTitle';

/** What a page of a feature shows while the feature is off for this user (rolled back, or not rolled out yet). */
export function FeatureUnavailable() {
  return (
    <section className="card calm stack">
      <PageTitle title="Action plans are temporarily unavailable" />
      <p className="lead">
        We are making some changes. Your searches and plans are safe, and this page comes back by itself as soon as
        the feature is on again.
      </p>
    </section>
  );
}
