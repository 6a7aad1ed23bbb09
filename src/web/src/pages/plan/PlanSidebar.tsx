import { HistoryPanel } from './HistoryPanel';
import { NextActions } from './NextActions';

export function PlanSidebar() {
  return (
    <aside className="plan-side stack" aria-label="Plan overview">
      <NextActions />
      <HistoryPanel />
    </aside>
  );
}
