import { Link } from '../router/router';
import { PageTitle } from './PageTitle';

/** What a user without action plans reads wherever plans would be: the plans list, a plan link, the home card. */
export const PLANS_ROLLING_OUT = 'Action plans are rolling out; they are not yet available on your account.';

/**
 * What a page of the action-plans feature shows while the feature is off for this user. Most often it has not
 * reached them yet (a plan link from a collaborator, say): say so plainly. Only when it was on during this visit and
 * went off (an admin rolled it back) is it "temporarily unavailable".
 */
export function FeatureUnavailable({ rolledBack = false }: { rolledBack?: boolean }) {
  if (rolledBack) {
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
  return (
    <section className="card calm stack">
      <PageTitle title="Action plans are not on your account yet" />
      <p className="lead">{PLANS_ROLLING_OUT}</p>
      <p>
        Searching works as usual: <Link to="/search">search for a market gap</Link>. This page opens by itself as soon
        as action plans reach your account.
      </p>
    </section>
  );
}
