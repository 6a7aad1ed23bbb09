import { ActiveAlerts } from './ActiveAlerts';
import type { FlagStatus } from '../../api/adminTypes';

/** The current phase's health in a sentence, saying plainly when it is unknown and why. */
export function healthSentence(status: Pick<FlagStatus, 'health' | 'healthRequests' | 'healthMinSamples' | 'healthBreaches'>): string {
  if (status.health === 'unknown') {
    return status.healthRequests === null
      ? 'Health is unknown: no operation is gated by this flag, so nothing measures it.'
      : `Health is unknown: ${status.healthRequests} of the ${status.healthMinSamples} requests needed to judge it.`;
  }
  if (status.healthBreaches.length > 0) return `Health is ${status.health}: ${status.healthBreaches.join('; ')}.`;
  return `Health is ${status.health}.`;
}

/** The health sentence as a dialog shows it before a change that depends on it, with Monitoring's alerts. */
export function HealthSummary({ status }: { status: FlagStatus }) {
  const unknown = status.health === 'unknown';
  return (
    <>
      <p className={unknown || status.healthBreaches.length > 0 ? 'alert alert--error' : 'alert alert--info'}>
        {healthSentence(status)}
      </p>
      <ActiveAlerts />
    </>
  );
}
