import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { useEffect, useId, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar {
  label: string;
  value: number;
}

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * A horizontal bar chart, one bar per operation. The canvas is a picture for sighted users; its text equivalent
 * is the operations table below the charts, which the figure's description points to.
 */
export function BarChart({ title, unit, bars }: { title: string; unit: string; bars: Bar[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const id = useId();

  useEffect(() => {
    if (!canvas.current || typeof canvas.current.getContext !== 'function' || !canvas.current.getContext('2d')) return;
    const text = cssColor('--muted', '#5b6175');
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels: [], datasets: [{ label: unit, data: [], backgroundColor: cssColor('--accent', '#4f46e5'), borderRadius: 4 }] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { callbacks: { label: (item) => `${item.formattedValue} ${unit}` } } },
        scales: {
          x: { beginAtZero: true, ticks: { color: text }, title: { display: true, text: unit, color: text } },
          y: { ticks: { color: text, autoSkip: false } },
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
    current.data.labels = bars.map((b) => b.label);
    current.data.datasets[0]!.data = bars.map((b) => b.value);
    current.update();
  }, [bars]);

  const highest = bars.reduce<Bar | undefined>((top, bar) => (!top || bar.value > top.value ? bar : top), undefined);
  return (
    <figure className="card chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="section-title">
        {title}
      </figcaption>
      <div className="chart__canvas" style={{ height: `${Math.max(8, bars.length * 1.9 + 3)}rem` }}>
        <canvas ref={canvas} role="img"
          aria-label={highest ? `${title}: highest is ${highest.label} at ${highest.value} ${unit}. Every value is in the table below.` : title} />
      </div>
    </figure>
  );
}
