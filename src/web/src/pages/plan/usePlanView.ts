import { useState } from 'react';
import { noFilter, type TaskFilter } from '../../plans/filters';

// How the user looks at a plan: collapsed phases (remembered per plan), compact rows (remembered for all plans),
// and the filters (for this visit only).
const collapsedKey = (planId: number) => `unbuilt:plan:${planId}:collapsed`;
const COMPACT_KEY = 'unbuilt:plan-density';

function readCollapsed(planId: number): ReadonlySet<number> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(collapsedKey(planId)) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);
  } catch {
    return new Set();
  }
}

function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or full storage: the choice lasts for this visit only.
  }
}

export function usePlanView(planId: number) {
  const [collapsed, setCollapsed] = useState(() => readCollapsed(planId));
  const [compact, setCompactState] = useState(() => {
    try {
      return localStorage.getItem(COMPACT_KEY) === 'compact';
    } catch {
      return false;
    }
  });
  const [filter, setFilter] = useState<TaskFilter>(noFilter);

  return {
    collapsed,
    toggleCollapsed(phaseId: number) {
      const next = new Set(collapsed);
      if (next.has(phaseId)) next.delete(phaseId);
      else next.add(phaseId);
      store(collapsedKey(planId), JSON.stringify([...next]));
      setCollapsed(next);
    },
    compact,
    setCompact(on: boolean) {
      store(COMPACT_KEY, on ? 'compact' : 'comfortable');
      setCompactState(on);
    },
    filter,
    setFilter,
  };
}

export type PlanView = ReturnType<typeof usePlanView>;
