import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SearchHistoryPage() {
  const searches = useQuery({ queryKey: ['searches'], queryFn: ({ signal }) => api.searches(signal) });
  return (
    <>
      <PageTitle title="Search history" />
      <p>
        <Link to="/search">New search</Link>
      </p>
      {searches.isPending && <Loading label="Loading your searches…" />}
      {searches.isError && <ErrorMessage error={searches.error} />}
      {searches.data?.length === 0 && (
        <p className="empty">
          No searches yet. <Link to="/search">Search for a gap</Link> to start.
        </p>
      )}
      {searches.data && searches.data.length > 0 && (
        <ul className="plain-list card-list">
          {searches.data.map((search) => (
            <li key={search.id} className="card row-card">
              <Link to={`/search/${search.id}`} className="row-card__title">
                {search.query}
              </Link>
              <span className="muted small">
                {search.resultCount} results · <time dateTime={search.createdAt}>{when.format(new Date(search.createdAt))}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
