import type { ReactNode } from 'react';
import { PageTitle } from './PageTitle';

/** The signed-out pages' frame (sign in, sign up, an invitation): the brand above one centred card with the title. */
export function AuthCard({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <main className="centered" id="main">
      <div className={className ? `card sign-in ${className}` : 'card sign-in'}>
        <p className="brand brand--large" aria-hidden="true">
          Unbuilt
        </p>
        <PageTitle title={title} />
        {children}
      </div>
    </main>
  );
}
