import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { MetricsWindow } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { millis, percent } from './format';
import { LineChart } from './LineChart';
import { fetchSeries, type Series, type SeriesLine, type SeriesPoint } from './seriesApi';

const REFRESH_MS = 10_000;
const STEP_MS: Record<string, number> = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000 };
const windowWords: Record<MetricsWindow, string> = { '15m': 'the last 15 minutes', '1h': 'the last hour', '24h': 'the last 24 hours' };

/** Every step of the window, oldest first, with the operation's point where it had requests (null: none). */
function steps(series: Series, line: SeriesLine): { at: Date; point: SeriesPoint | null }[] {
  const step = STEP_MS[series.step] ?? 60_000;
  const byTime = new Map(line.points.map((p) => [new Date(p.at).getTime(), p]));
  const result: { at: Date; point: SeriesPoint | null }[] = [];
  for (let t = new Date(series.from).getTime(); t < new Date(series.to).getTime(); t += step) {
    result.push({ at: new Date(t), point: byTime.get(t) ?? null });
  }
  return result;
}

/**
 * p95 and error rates of one operation over the window, per minute (per hour over 24 hours), with the alert
 * thresholds drawn dashed. Each chart has a one-line summary for screen readers, and its numbers in a table.
 */
export function Trends({ window }: { window: MetricsWindow }) {
  const id = useId();
  const query = useQuery({
    queryKey: ['admin', 'series', window],
    queryFn: ({ signal }) => fetchSeries(window, signal),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const series = query.data;
  const lines = series?.operations ?? [];
  const line = lines.find((l) => l.operation === chosen) ?? lines.find((l) => l.operation === series?.thresholds.taskUpdateOperation) ?? lines[0];

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <div className="row-between">
        <h2 id={`${id}-title`} className="section-title">Over time</h2>
        {lines.length > 0 && line && (
          <div className="field field--inline">
            <label htmlFor={`${id}-operation`}>Operation</label>
            <select id={`${id}-operation`} value={line.operation} onChange={(event) => setChosen(event.target.value)}>
              {lines.map((l) => <option key={l.operation} value={l.operation}>{l.operation}</option>)}
            </select>
          </div>
        )}
      </div>
      {query.isError && <ErrorMessage error={query.error} />}
      {series && !line && <p className="muted">No requests in {windowWords[window]}.</p>}
      {series && line && <OperationTrend series={series} line={line} window={window} />}
    </section>
  );
}

function OperationTrend({ series, line, window }: { series: Series; line: SeriesLine; window: MetricsWindow }) {
  const id = useId();
  const all = useMemo(() => steps(series, line), [series, line]);
  const time = useMemo(() => new Intl.DateTimeFormat(undefined, window === '24h'
    ? { weekday: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' }), [window]);
  const labels = useMemo(() => all.map((s) => time.format(s.at)), [all, time]);
  const { thresholds } = series;
  const p95Limit = line.operation === thresholds.taskUpdateOperation ? thresholds.taskUpdateP95Ms : thresholds.apiP95Ms;
  const latency = useMemo(() => [
    { label: 'p95', values: all.map((s) => s.point?.p95Ms ?? null) },
    { label: `Alert above ${millis(p95Limit)}`, values: all.map(() => p95Limit), threshold: true },
  ], [all, p95Limit]);
  const errors = useMemo(() => [
    { label: 'Server errors (5xx)', values: all.map((s) => s.point?.errorRatePercent ?? null) },
    { label: 'Client errors (4xx)', values: all.map((s) => s.point?.clientErrorRatePercent ?? null) },
    { label: `Alert above ${percent(thresholds.errorRatePercent)}`, values: all.map(() => thresholds.errorRatePercent), threshold: true },
  ], [all, thresholds.errorRatePercent]);
  const timed = line.points.filter((p) => p.p95Ms !== null);
  const worst = timed.reduce<SeriesPoint | undefined>((top, p) => (!top || p.p95Ms! > top.p95Ms! ? p : top), undefined);
  const anyErrors = line.points.some((p) => p.errors > 0 || p.clientErrors > 0);
  const mostErrors = line.points.reduce<SeriesPoint | undefined>((top, p) => (!top || p.errorRatePercent > top.errorRatePercent ? p : top), undefined);

  return (
    <div className="trend-grid">
      <figure className="chart" aria-labelledby={`${id}-p95`}>
        <figcaption id={`${id}-p95`} className="small"><strong>p95 response time</strong> of {line.operation}</figcaption>
        <LineChart labels={labels} lines={latency} unit="ms" summary={worst
          ? `p95 of ${line.operation} over ${windowWords[window]}: highest ${millis(worst.p95Ms)} at ${time.format(new Date(worst.at))}; alert above ${millis(p95Limit)}. The numbers are in the table below.`
          : `No timed requests of ${line.operation} in ${windowWords[window]}.`} />
      </figure>
      <figure className="chart" aria-labelledby={`${id}-errors`}>
        <figcaption id={`${id}-errors`} className="small"><strong>Error rates</strong> of {line.operation}</figcaption>
        {anyErrors ? (
          <LineChart labels={labels} lines={errors} unit="%" summary={`Server error rate of ${line.operation} over ${windowWords[window]}: highest ${percent(mostErrors?.errorRatePercent)}; alert above ${percent(thresholds.errorRatePercent)}. The numbers are in the table below.`} />
        ) : (
          <p className="muted trend-empty">No errors in this window.</p>
        )}
      </figure>
      <details className="trend-numbers">
        <summary>Numbers per {series.step === '1h' ? 'hour' : series.step === '5m' ? '5 minutes' : 'minute'}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${line.operation} per step`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Requests</th>
                <th scope="col">p95</th>
                <th scope="col">Server errors</th>
                <th scope="col">Client errors</th>
              </tr>
            </thead>
            <tbody>
              {line.points.map((p) => (
                <tr key={p.at}>
                  <th scope="row">{time.format(new Date(p.at))}</th>
                  <td>{p.count}</td>
                  <td>{millis(p.p95Ms)}</td>
                  <td>{p.errors} ({percent(p.errorRatePercent)})</td>
                  <td>{p.clientErrors} ({percent(p.clientErrorRatePercent)})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
