import {
  CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Line {
  label: string;
  /** One value per label; null is a gap (no request in that step). */
  values: (number | null)[];
  /** A threshold: drawn dashed, in the warning colour. */
  threshold?: boolean;
}

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * Lines over time on a canvas. The canvas is a picture with a one-sentence summary for screen readers
 * (`summary`); the numbers themselves are in the table the caller puts beside it.
 */
export function LineChart({ labels, lines, unit, summary }: { labels: string[]; lines: Line[]; unit: string; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);

  useEffect(() => {
    if (!canvas.current || typeof canvas.current.getContext !== 'function' || !canvas.current.getContext('2d')) return;
    const text = cssColor('--muted', '#5b6175');
    const config: ChartConfiguration<'line'> = {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        spanGaps: false,
        plugins: {
          legend: { labels: { color: text, boxHeight: 2 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue} ${unit}` } },
        },
        scales: {
          x: { ticks: { color: text, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
          y: { beginAtZero: true, ticks: { color: text }, title: { display: true, text: unit, color: text } },
        },
      },
    };
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [unit]);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const colours = [cssColor('--accent', '#4f46e5'), cssColor('--muted', '#5b6175')];
    const warning = cssColor('--danger', '#b42318');
    let next = 0;
    current.data.labels = labels;
    current.data.datasets = lines.map((line) => {
      const colour = line.threshold ? warning : colours[next++ % colours.length]!;
      return {
        label: line.label, data: line.values, borderColor: colour, backgroundColor: colour, borderWidth: line.threshold ? 1.5 : 2,
        borderDash: line.threshold ? [6, 4] : [], pointRadius: line.threshold ? 0 : 2, tension: 0,
      };
    });
    current.update();
  }, [labels, lines]);

  return (
    <div className="chart__canvas chart__canvas--line">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
