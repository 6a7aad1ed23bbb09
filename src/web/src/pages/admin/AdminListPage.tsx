import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from './AdminNotices';

interface Props<T> {
  title: string;
  /** The page's one primary action (New …, Add …). */
  action: { label: string; onClick: () => void };
  /** What the things listed are for, under the notices. */
  intro: ReactNode;
  /** Announced to screen readers after a change. */
  status: string;
  items: UseQueryResult<T[]>;
  loadingLabel: string;
  /** Shown in a card when there are none. */
  empty: ReactNode;
  children: (item: T) => ReactNode;
}

/** An admin page that lists one kind of thing: back to Admin, title and action, notices, intro, then the cards. */
export function AdminListPage<T>({ title, action, intro, status, items, loadingLabel, empty, children }: Props<T>) {
  return (
    <>
      <p className="small">
        <Link to="/admin">← Admin</Link>
      </p>
      <div className="row-between">
        <PageTitle title={title} />
        <button type="button" className="button button--primary" onClick={action.onClick}>
          {action.label}
        </button>
      </div>
      <AdminNotices />
      <p className="muted">{intro}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {items.isPending && <Loading label={loadingLabel} />}
      {items.isError && <ErrorMessage error={items.error} />}
      {items.data?.length === 0 && <p className="card empty">{empty}</p>}
      <ul className="plain-list card-list">{items.data?.map(children)}</ul>
    </>
  );
}
