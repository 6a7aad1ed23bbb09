import { useEffect, type ReactNode } from 'react';

/**
 * The page's one h1, and the document title to match. The h1 takes focus after client-side navigation
 * (see AppLayout), so screen readers announce the new page; tabIndex -1 lets it take focus without a tab stop.
 */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Unbuilt`;
  }, [title]);
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
