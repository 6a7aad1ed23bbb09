import { isApiError } from '../api/client';

/** Says what went wrong in words: the problem's detail when the server gave one, else its title. */
export function ErrorMessage({ error }: { error: unknown }) {
  const text = isApiError(error)
    ? (error.detail ?? error.title)
    : error instanceof Error && error.message
      ? error.message
      : 'Something went wrong.';
  return (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  );
}
