import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { SearchSummary } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link, navigate } from '../../router/router';
import { searchKey } from '../search/searchKey';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const searchesKey = ['searches'] as const;

export function SearchHistoryPage() {
  const client = useQueryClient();
  const searches = useQuery({ queryKey: searchesKey, queryFn: ({ signal }) => api.searches(signal) });
  const [deleting, setDeleting] = useState<SearchSummary | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  // Run again: the stored words as a new search (fresh results, counted like any search).
  const rerun = useMutation({
    mutationFn: (query: string) => api.search(query),
    onSuccess: (result) => {
      client.setQueryData(searchKey(result.id), result);
      void client.invalidateQueries({ queryKey: searchesKey });
      navigate(`/search/${result.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: (search: SearchSummary) => api.deleteSearch(search.id),
    onSuccess: (_, search) => {
      setDeleting(null);
      setRemoved(search.query);
      client.setQueryData<SearchSummary[]>(searchesKey, (list) => list?.filter((s) => s.id !== search.id));
      client.removeQueries({ queryKey: searchKey(search.id) });
      void client.invalidateQueries({ queryKey: searchesKey });
      // Focus was on the row's Delete button, which is gone: the page heading takes it.
      document.querySelector<HTMLElement>('#main h1')?.focus();
    },
  });

  return (
    <>
      <PageTitle title="Search history" />
      <p>
        <Link to="/search">New search</Link>
      </p>
      <p role="status" className={removed ? 'alert alert--info' : 'visually-hidden'}>
        {removed && `Deleted the search “${removed}”.`}
      </p>
      {rerun.isError && <ErrorMessage error={rerun.error} />}
      {searches.isPending && <Loading label="Loading your searches…" />}
      {searches.isError && <ErrorMessage error={searches.error} />}
      {searches.data?.length === 0 && (
        <p className="empty">
          No searches yet. <Link to="/search">Search for a gap</Link> to start.
        </p>
      )}
      {searches.data && searches.data.length > 0 && (
        <ul className="plain-list card-list" aria-label="Your searches">
          {searches.data.map((search) => (
            <li key={search.id} className="card row-card history-row">
              <div className="history-row__text">
                <Link to={`/search/${search.id}`} className="row-card__title" id={`search-${search.id}`}>
                  {search.query}
                </Link>
                <span className="muted small">
                  {search.resultCount} results · <time dateTime={search.createdAt}>{when.format(new Date(search.createdAt))}</time>
                </span>
              </div>
              <div className="history-row__actions">
                <button type="button" className="button" aria-describedby={`search-${search.id}`}
                  disabled={rerun.isPending} aria-busy={rerun.isPending && rerun.variables === search.query}
                  onClick={() => rerun.mutate(search.query)}>
                  Run again
                </button>
                <button type="button" className="button button--quiet" aria-describedby={`search-${search.id}`}
                  onClick={() => {
                    remove.reset();
                    setDeleting(search);
                  }}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog title="Delete this search?" confirmLabel="Delete search" danger busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)} onCancel={() => setDeleting(null)}>
          <p>
            “{deleting.query}” and its {deleting.resultCount} results leave your search history.
          </p>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </>
  );
}
