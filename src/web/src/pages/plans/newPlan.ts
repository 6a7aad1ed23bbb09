import type { CreatePlan } from '../../api/types';

/** The server's longest plan title (TaskFields.TitleMax). */
export const TITLE_MAX = 200;

/**
 * The body of POST /api/plans for a plan without a search, or what is wrong with the form in words. No template:
 * a blank plan; a description only when one was written.
 */
export function newPlanBody(title: string, description: string, templateId: string): CreatePlan | string {
  const trimmed = title.trim();
  if (trimmed === '') return 'Give the plan a title.';
  if (trimmed.length > TITLE_MAX) return `Keep the title to ${TITLE_MAX} characters.`;
  const body: CreatePlan = { title: trimmed };
  if (description.trim()) body.description = description.trim();
  if (templateId) body.templateId = templateId;
  return body;
}
