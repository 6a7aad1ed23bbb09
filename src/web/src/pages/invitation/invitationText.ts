import type { InvitationPreview } from '../../api/types';

/** "Ada Lovelace invited you to edit “Pet sitting”": the sentence every invitation view starts from. */
export function invitationSentence(preview: InvitationPreview): string {
  const verb = preview.role === 'editor' ? 'edit' : 'view';
  return `${inviterName(preview)} invited you to ${verb} “${preview.planTitle}”.`;
}

export function inviterName({ invitedBy }: InvitationPreview): string {
  return invitedBy.trim() || 'Someone';
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}
