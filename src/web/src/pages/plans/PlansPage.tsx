import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { usePlans } from '../../plans/queries';
import { Link } from '../../router/router';
import { NewPlanDialog } from './NewPlanDialog';
import { PlanCard } from './PlanCard';

export function PlansPage() {
  const plans = usePlans();
  const [creating, setCreating] = useState(false);
  const active = plans.data?.filter((plan) => plan.status !== 'archived') ?? [];
  const archived = plans.data?.filter((plan) => plan.status === 'archived') ?? [];
  return (
    <>
      <div className="page-head">
        <PageTitle title="Plans">Your action plans</PageTitle>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          New plan
        </button>
      </div>
      {creating && <NewPlanDialog onClose={() => setCreating(false)} />}
      {plans.isPending && <Loading label="Loading your plans…" />}
      {plans.isError && <ErrorMessage error={plans.error} />}
      {plans.data?.length === 0 && (
        <div className="card empty stack">
          <p>You have no plans yet.</p>
          <p>
            <Link to="/search">Search for a market gap</Link> and turn a result into an action plan, or start a
            new plan of your own.
          </p>
        </div>
      )}
      {active.length > 0 && (
        <ul className="plain-list card-list" aria-label="Active plans">
          {active.map((plan) => (
            <li key={plan.id}>
              <PlanCard plan={plan} />
            </li>
          ))}
        </ul>
      )}
      {archived.length > 0 && (
        <details className="archived">
          <summary>Archived ({archived.length})</summary>
          <ul className="plain-list card-list" aria-label="Archived plans">
            {archived.map((plan) => (
              <li key={plan.id}>
                <PlanCard plan={plan} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
