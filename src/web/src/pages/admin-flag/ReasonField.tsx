import { useId } from 'react';

/** The most a change's reason may hold (the server refuses more). */
export const REASON_MAX = 500;

/** An optional "why" for a flag change; the flag's history keeps it beside the change. */
export function ReasonField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        Reason <span className="muted">(optional, kept in the history)</span>
      </label>
      <textarea id={id} rows={2} maxLength={REASON_MAX} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** What a reason field holds, as the API takes it: trimmed, and nothing at all when blank. */
export function reasonOf(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
