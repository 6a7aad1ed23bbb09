import type { Segment } from '../../api/adminTypes';

export const segmentsKey = ['admin', 'segments'] as const;

export const TIERS = ['free', 'pro', 'enterprise'] as const;

/** "users 3, 7; or email domain unbuilt.io, tier pro, account at least 30 days old", as the CLI says it. */
export function rulesOf(segment: Segment): string {
  const conditions: string[] = [];
  if (segment.emailDomains.length > 0) conditions.push(`email domain ${segment.emailDomains.join(', ')}`);
  if (segment.tiers.length > 0) conditions.push(`tier ${segment.tiers.join(', ')}`);
  if (segment.minAccountAgeDays !== null) conditions.push(`account at least ${segment.minAccountAgeDays} days old`);
  const users = segment.userIds.length > 0 ? `users ${segment.userIds.join(', ')}` : '';
  if (users && conditions.length > 0) return `${users}; or ${conditions.join(', ')}`;
  return users || conditions.join(', ');
}

/** A list typed by hand: split on commas, spaces and new lines, blanks dropped. */
export function listOf(text: string): string[] {
  return text.split(/[\s,]+/).map((part) => part.trim()).filter((part) => part !== '');
}
