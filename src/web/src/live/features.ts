import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { FeatureChange } from '../api/types';

/** The flag the action-plan feature (plans, templates, sharing) ships behind; search is open without it. */
export const PLANS_FEATURE = 'action_plan_customization';

export const featuresKey = ['features'] as const;

/** The names of the features on for the signed-in user; kept current live by FeatureChanged. */
export function useFeatures() {
  return useQuery({
    queryKey: featuresKey,
    queryFn: async ({ signal }) => (await api.features(signal)).features,
    staleTime: 5 * 60_000,
  });
}

/** on: the feature is on; off: it is off; unknown: not known yet (loading, or the check failed). */
export function useFeature(name: string): 'on' | 'off' | 'unknown' {
  const features = useFeatures();
  if (!features.data) return 'unknown';
  return features.data.includes(name) ? 'on' : 'off';
}

export function applyFeatureChange(client: QueryClient, { name, enabled }: FeatureChange) {
  client.setQueryData<string[]>(featuresKey, (current) => {
    const others = (current ?? []).filter((feature) => feature !== name);
    return enabled ? [...others, name] : others;
  });
}
