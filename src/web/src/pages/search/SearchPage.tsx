import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { PageProps } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link, navigate } from '../../router/router';
import { ResultCard } from './ResultCard';

export const searchKey = (id: number) => ['search', id] as const;

/** /search: a new search; /search/:id: a stored one (a new search lands there, so a reload keeps the results). */
export function SearchPage({ params }: PageProps) {
  const client = useQueryClient();
  const searchId = params['searchId'] === undefined ? undefined : Number(params['searchId']);
  const stored = useQuery({
    queryKey: searchKey(searchId ?? 0),
    queryFn: ({ signal }) => api.searchById(searchId!, signal),
    enabled: searchId !== undefined && Number.isInteger(searchId),
  });
  const [query, setQuery] = useState('');
  const search = useMutation({
    mutationFn: (text: string) => api.search(text),
    onSuccess: (result) => {
      client.setQueryData(searchKey(result.id), result);
      void client.invalidateQueries({ queryKey: ['searches'] });
      navigate(`/search/${result.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() && !search.isPending) search.mutate(query.trim());
  };
  const shown = stored.data;
  const quota = search.data?.quota;

  return (
    <>
      <PageTitle title="Search" >Find a market gap</PageTitle>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="search-query" className="visually-hidden">
          Search
        </label>
        <input id="search-query" type="search" value={query} onChange={(event) => setQuery(event.target.value)}
          placeholder="e.g. pet care for busy owners" maxLength={200} autoComplete="off" required />
        <button type="submit" className="button button--primary" disabled={search.isPending} aria-busy={search.isPending}>
          {search.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
          Find gaps
        </button>
      </form>
      <p className="muted">
        <Link to="/searches">Search history</Link>
        {quota && (
          <span>
            {' · '}
            {quota.remaining} of {quota.limit} free searches left this month
          </span>
        )}
      </p>
      {search.isError && <ErrorMessage error={search.error} />}
      {searchId !== undefined && stored.isPending && <Loading label="Loading results…" />}
      {stored.isError && <ErrorMessage error={stored.error} />}
      {shown && (
        <section aria-labelledby="results-heading" className="stack">
          <h2 id="results-heading" className="section-title">
            {shown.results.length === 0
              ? `No gaps found for “${shown.query}”`
              : `${shown.results.length} gaps for “${shown.query}”`}
          </h2>
          {shown.results.length === 0 && <p className="muted">Try fewer or broader words, such as an industry or an audience.</p>}
          <ol className="result-list">
            {shown.results.map((result) => (
              <li key={result.id}>
                <ResultCard result={result} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {searchId === undefined && !search.isPending && (
        <p className="muted">Describe a market, an audience or a problem; Unbuilt lists the gaps nobody has built for yet.</p>
      )}
    </>
  );
}
