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
        {notices.map((notice) => (
          <li key={`${notice.at}-${notice.message}`}>
            <strong>{notice.message}</strong>
            {notice.details.length > 0 && <span className="small"> ({notice.details.join('; ')})</span>}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
