import { useQueryClient } from '@tanstack/react-query';
import { Notice } from '../../components/Notice';
import { dismissAdminNotices, useAdminNotices } from '../../live/adminNotices';

/** What the server told admins live while this page was open (the guard acted, an alert started or ended). */
export function AdminNotices() {
  const client = useQueryClient();
  const notices = useAdminNotices();
  if (notices.length === 0) return null;
  const tone = notices.some((n) => n.kind.startsWith('guard.') || n.kind === 'alert.started') ? 'error' : 'info';
  return (
    <Notice tone={tone} onDismiss={() => dismissAdminNotices(client)}>
      <ul className="plain-list">
        {notices.map((notice) => {
          // A detail the message already says (the guard's notice names its breach in both) is not said twice.
          const details = noticeDetails(notice.message, notice.details);
          return (
            <li key={`${notice.at}-${notice.message}`}>
              <strong>{notice.message}</strong>
              {details.length > 0 && <span className="small"> ({details.join('; ')})</span>}
            </li>
          );
        })}
      </ul>
    </Notice>
  );
}

/** The details that add to the message: none repeated, none the message already contains. */
export function noticeDetails(message: string, details: readonly string[]): string[] {
  const text = message.toLowerCase();
  return [...new Set(details)].filter((detail) => detail.trim() !== '' && !text.includes(detail.trim().toLowerCase()));
}
