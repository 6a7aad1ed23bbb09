import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { searchHints } from './searchHints';
import type { Search } from '../../api/types';
import type { PageProps } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link, navigate } from '../../router/router';
import { ResultCard } from './ResultCard';
import { searchKey } from './searchKey';
import { queryProblem } from './queryProblem';

export { searchKey };

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
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (text: string) => api.search(text),
    onSuccess: (result) => {
      client.setQueryData(searchKey(result.id), result);
      void client.invalidateQueries({ queryKey: ['searches'] });
      navigate(`/search/${result.id}`);
    },
  });

  const run = (text: string) => {
    const invalid = queryProblem(text);
    setProblem(invalid);
    if (invalid === null && !search.isPending) search.mutate(text.trim());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(query);
  };
  /** A suggestion or a "did you mean": into the field, and searched at once. */
  const runSuggestion = (text: string) => {
    setQuery(text);
    run(text);
  };
  const shown = stored.data;
  const quota = search.data?.quota;

  return (
    <>
      <PageTitle title="Search">Find a market gap</PageTitle>
      <form className="search-form" role="search" onSubmit={submit} noValidate>
        <label htmlFor="search-query" className="visually-hidden">
          Search
        </label>
        <input id="search-query" type="search" value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (problem !== null) setProblem(null);
          }}
          placeholder="e.g. pet care for busy owners" maxLength={200} autoComplete="off"
          aria-invalid={problem !== null || undefined} aria-describedby={problem !== null ? 'search-query-error' : undefined} />
        <button type="submit" className="button button--primary" disabled={search.isPending} aria-busy={search.isPending}>
          {search.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
          Find gaps
        </button>
        {problem !== null && (
          <p id="search-query-error" className="field-error search-form__error" role="alert">
            {problem}
          </p>
        )}
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
      {shown && <Results search={shown} onSuggestion={runSuggestion} busy={search.isPending} />}
      {searchId === undefined && !search.isPending && (
        <p className="muted">Describe a market, an audience or a problem; Unbuilt lists the gaps nobody has built for yet.</p>
      )}
    </>
  );
}

function Results({ search, onSuggestion, busy }: { search: Search; onSuggestion: (text: string) => void; busy: boolean }) {
  if (search.results.length === 0) return <NoResults search={search} onSuggestion={onSuggestion} busy={busy} />;
  return (
    <section aria-labelledby="results-heading" className="stack">
      <h2 id="results-heading" className="section-title">
        {search.results.length === 1 ? '1 gap' : `${search.results.length} gaps`} for “{search.query}”
      </h2>
      <ol className="result-list">
        {search.results.map((result) => (
          <li key={result.id}>
            <ResultCard result={result} searchId={search.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Nothing relevant: say so, and offer the server's "did you mean" and suggestions as one-click searches. */
function NoResults({ search, onSuggestion, busy }: { search: Search; onSuggestion: (text: string) => void; busy: boolean }) {
  const { suggestions, didYouMean } = searchHints(search);
  return (
    <section aria-labelledby="results-heading" className="card stack no-results">
      <h2 id="results-heading" className="section-title">
        No gaps found for “{search.query}”
      </h2>
      {didYouMean && (
        <p>
          Did you mean{' '}
          <button type="button" className="link-button" onClick={() => onSuggestion(didYouMean)} disabled={busy}>
            {didYouMean}
          </button>
          ?
        </p>
      )}
      {suggestions.length > 0 && (
        <div className="stack">
          <h3 id="suggestions-heading" className="small">Try one of these searches</h3>
          <ul className="suggestions" aria-labelledby="suggestions-heading">
            {suggestions.map((text) => (
              <li key={text}>
                <button type="button" className="button" onClick={() => onSuggestion(text)} disabled={busy}>
                  {text}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">Try fewer or broader words, such as an industry or an audience.</p>
    </section>
  );
}
