import type { Progress } from '../api/types';

/** A labelled progress bar: percent = completed ÷ (total − skipped), as the server counts it. */
export function ProgressBar({ label, progress, compact }: { label: string; progress: Progress; compact?: boolean }) {
  const counted = progress.total - progress.skipped;
  const text = `${progress.percent}% (${progress.completed} of ${counted} done)`;
  return (
    <div className={compact ? 'progress progress--compact' : 'progress'}>
      <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={progress.percent} aria-valuetext={text}>
        <div className="progress__bar" style={{ width: `${Math.min(100, progress.percent)}%` }} />
      </div>
      <span className="progress__text" aria-hidden="true">
        {progress.percent}%
      </span>
    </div>
  );
}

/** "3 of 12 done · 2 in progress · 1 skipped" */
export function progressSummary(progress: Progress): string {
  const parts = [`${progress.completed} of ${progress.total - progress.skipped} done`];
  if (progress.inProgress > 0) parts.push(`${progress.inProgress} in progress`);
  if (progress.skipped > 0) parts.push(`${progress.skipped} skipped`);
  return parts.join(' · ');
}
