/** One recorded change's details, as the flag and segment histories show them. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A field's value in a few words: 10 → "10%" for the rollout, [] → "none", a plan → "custom plan". */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (field === 'rolloutPercentage' && typeof value === 'number') return `${value}%`;
  if (field === 'allowedTiers' && Array.isArray(value)) return value.length === 0 ? 'all' : value.join(', ');
  if (field === 'rolloutPlan') return 'custom plan';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Each field before → after (named for people by fieldNames), then the reason, if any. */
export function ChangeDetails({ changes, fieldNames, reason }: {
  changes: FieldChange[];
  fieldNames: Record<string, string>;
  reason?: string | null;
}) {
  return (
    <>
      {changes.length > 0 && (
        <ul className="small plain-list">
          {changes.map((c) => (
            <li key={c.field}>
              {fieldNames[c.field] ?? c.field}: {valueText(c.field, c.before)} → {valueText(c.field, c.after)}
            </li>
          ))}
        </ul>
      )}
      {reason && <span className="small muted">Reason: {reason}</span>}
    </>
  );
}

/** When a change was made, in the reader's locale. */
export function ChangeTime({ at }: { at: string }) {
  return (
    <time className="small muted history__time" dateTime={at}>
      {time.format(new Date(at))}
    </time>
  );
}
