import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FlagStatus } from '../../api/adminTypes';
import { request } from '../../api/http';
import type { components } from '../../api/schema';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';

type PhaseCriteria = components['schemas']['PhaseCriteria'];
type Criterion = components['schemas']['CriterionResult'];
type CriteriaResponse = components['schemas']['CriteriaResponse'];
type Verdict = Criterion['verdict'];

export const criteriaKey = (name: string) => ['admin', 'flag', name, 'criteria'] as const;

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

const labels: Record<Criterion['name'], string> = {
  engagement: 'Engagement: users with the feature who created a plan',
  'task-completion': 'Task completion in plans created in the phase',
  'error-rate': 'Error rate (server errors)',
  'plan-load-p95': 'Plan load p95',
  'task-update-p95': 'Task update p95',
  'return-rate': '7-day return, users with the feature',
};

const verdicts: Record<Verdict, { text: string; mark: string; badge: string }> = {
  pass: { text: 'Pass', mark: '✓', badge: 'badge--done' },
  fail: { text: 'Fail', mark: '✗', badge: 'badge--blocked' },
  'not-enough-data': { text: 'Not enough data', mark: '?', badge: 'badge--muted' },
};

/**
 * The rollout's success criteria: the current phase's (from the flag's status), and on request every earlier phase
 * with its window. Each verdict is written out (Pass, Fail, Not enough data), its colour only repeats it.
 */
export function SuccessCriteria({ status }: { status: FlagStatus }) {
  const [showAll, setShowAll] = useState(false);
  const all = useQuery({
    queryKey: criteriaKey(status.name),
    queryFn: ({ signal }) =>
      request<CriteriaResponse>('GET', `/api/feature-flags/${encodeURIComponent(status.name)}/criteria`, { signal }),
    enabled: showAll,
  });
  const earlier = all.data?.phases.filter((phase) => !phase.current) ?? [];
  return (
    <section className="card stack admin-grid__wide" aria-labelledby="criteria-title">
      <h2 id="criteria-title">Success criteria</h2>
      {status.criteria ? <PhaseResult phase={status.criteria} /> : <p className="muted small">Nothing measured yet.</p>}
      <div>
        <button type="button" className="button" aria-expanded={showAll} onClick={() => setShowAll((shown) => !shown)}>
          {showAll ? 'Hide earlier phases' : 'Show earlier phases'}
        </button>
      </div>
      {showAll && all.isPending && <Loading label="Loading earlier phases…" />}
      {showAll && all.isError && <ErrorMessage error={all.error} />}
      {showAll && all.data && earlier.length === 0 && (
        <p className="muted small">No earlier phase had the feature on.</p>
      )}
      {showAll && earlier.map((phase) => <PhaseResult key={phase.from} phase={phase} />)}
    </section>
  );
}

function PhaseResult({ phase }: { phase: PhaseCriteria }) {
  const id = useId();
  return (
    <article className="criteria stack" aria-labelledby={id}>
      <h3 id={id} className="criteria__title">
        <span>
          {phase.phase} {phase.current ? 'phase (current)' : 'phase'}
        </span>
        <VerdictBadge verdict={phase.verdict} />
      </h3>
      <p className="small muted">
        <time dateTime={phase.from}>{time.format(new Date(phase.from))}</time> to{' '}
        {phase.to ? <time dateTime={phase.to}>{time.format(new Date(phase.to))}</time> : 'now'}
      </p>
      <ul className="criteria__list">
        {phase.criteria.map((criterion) => (
          <li key={criterion.name} className="criteria__item">
            <span className="criteria__name">{labels[criterion.name]}</span>
            <VerdictBadge verdict={criterion.verdict} />
            <span className="criteria__value">
              {amount(criterion.value, criterion.unit)}{' '}
              <span className="muted">(target {target(criterion)})</span>
            </span>
            <span className="small muted criteria__sample">{sample(criterion)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const shown = verdicts[verdict];
  return (
    <span className={`badge ${shown.badge}`}>
      <span aria-hidden="true">{shown.mark} </span>
      {shown.text}
    </span>
  );
}

function amount(value: number | null, unit: Criterion['unit']): string {
  if (value === null) return 'no value';
  return unit === 'ms' ? `${number.format(value)} ms` : `${number.format(value)} %`;
}

function target(criterion: Criterion): string {
  const comparison = { '>': 'above', '<': 'below', '>=': 'at least' }[criterion.comparison];
  return criterion.name === 'return-rate'
    ? `${comparison} users without it: ${amount(criterion.threshold, criterion.unit)}`
    : `${comparison} ${amount(criterion.threshold, criterion.unit)}`;
}

function sample(criterion: Criterion): string {
  const needed = `needs ${criterion.minSample}`;
  switch (criterion.name) {
    case 'engagement':
      return `${criterion.sample} users with the feature, ${needed}`;
    case 'task-completion':
      return `${criterion.sample} tasks, ${needed}`;
    case 'return-rate':
      return `${criterion.sample} users with, ${criterion.baselineSample ?? 0} without; ${needed} of each`;
    default:
      return `${criterion.sample} requests, ${needed}`;
  }
}
