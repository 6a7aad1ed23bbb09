import type { Tier } from '../api/client';

export const tierLabels: Record<Tier, string> = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' };

export function TierBadge({ tier }: { tier: Tier }) {
  return (
    <span className={`badge badge--${tier}`}>
      <span className="visually-hidden">Tier: </span>
      {tierLabels[tier]}
    </span>
  );
}
