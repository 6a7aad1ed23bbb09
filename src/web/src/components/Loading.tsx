/** Loading inside a page (the full-screen LoadingScreen is for the app's first start). */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading-inline" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
