// Numbers as an operator reads them: enough digits to compare, no more ("7.6%", not "7.576%").

/** One decimal below 10 (0.4, 7.6), whole numbers from 10 (12, 138), no trailing zeros; "–" for none. */
export function reading(value: number | null | undefined): string {
  if (value == null) return '–';
  return Number(value.toFixed(Math.abs(value) < 10 ? 1 : 0)).toString();
}

export function percent(value: number | null | undefined): string {
  return value == null ? '–' : `${reading(value)}%`;
}

export function millis(value: number | null | undefined): string {
  return value == null ? '–' : `${reading(value)} ms`;
}
