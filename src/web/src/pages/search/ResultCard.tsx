import { useState } from 'react';
import { planIdOf } from './searchHints';
import type { SearchResult } from '../../api/types';
import { PLANS_FEATURE, useFeature } from '../../live/features';
import { categoryLabels } from '../../plans/templateChoice';
import { Link } from '../../router/router';
import { CreatePlanDialog } from './CreatePlanDialog';

const rating = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export function ResultCard({ result, searchId }: { result: SearchResult; searchId?: number }) {
  const [creating, setCreating] = useState(false);
  // Search is open to everyone; making a plan of a result is the action-plans feature's, offered only while it is on.
  const plans = useFeature(PLANS_FEATURE);
  // A gap that already has a plan opens it: creating a second one would be refused.
  const planId = planIdOf(result);
  return (
    <article className="card result-card" aria-labelledby={`result-${result.id}`}>
      <div className="result-card__head">
        <span className={`badge badge--category badge--${result.category}`}>
          {categoryLabels[result.category] ?? result.category}
        </span>
        {result.industry && <span className="muted small">{result.industry}</span>}
      </div>
      <h3 id={`result-${result.id}`} className="result-card__title">
        {result.title}
      </h3>
      <p>{result.description}</p>
      <dl className="scores">
        <div>
          <dt>Innovation</dt>
          <dd>{result.innovationScore}/10</dd>
        </div>
        <div>
          <dt>Feasibility</dt>
          <dd>{rating(result.feasibility)}</dd>
        </div>
        <div>
          <dt>Market potential</dt>
          <dd>{rating(result.marketPotential)}</dd>
        </div>
        <div>
          <dt>Market size</dt>
          <dd>{result.marketSize}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{result.confidence}%</dd>
        </div>
      </dl>
      <p className="small">
        <strong>Who it is for:</strong> {result.targetAudience}
      </p>
      <p className="small gap-reason">
        <strong>Why the gap exists:</strong> {result.gapReason}
      </p>
      {plans === 'on' && planId !== null && (
        <div>
          <Link to={`/plans/${planId}`} className="button button--primary" aria-describedby={`result-${result.id}`}>
            Open plan
          </Link>
        </div>
      )}
      {plans === 'on' && planId === null && (
        <div>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}
            aria-describedby={`result-${result.id}`}>
            Create action plan
          </button>
        </div>
      )}
      {creating && plans === 'on' && planId === null && (
        <CreatePlanDialog result={result} searchId={searchId} onClose={() => setCreating(false)} />
      )}
    </article>
  );
}
