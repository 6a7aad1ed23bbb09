// GET /api/performance/series: each operation's p95 and error rates per step, with the alert thresholds.
import { request } from '../../api/http';
import type { components } from '../../api/schema';
import type { MetricsWindow } from '../../api/adminTypes';

export type Series = components['schemas']['SeriesResponse'];
export type SeriesLine = components['schemas']['SeriesLine'];
export type SeriesPoint = components['schemas']['SeriesPoint'];

export function fetchSeries(window: MetricsWindow, signal?: AbortSignal): Promise<Series> {
  return request<Series>('GET', `/api/performance/series?window=${window}`, { signal });
}
