import { useEffect, useRef, type ReactNode } from 'react';
import type { User } from '../api/client';
import { usePathname } from '../router/router';
import { AppHeader } from './AppHeader';

export function AppLayout({ user, children }: { user: User; children: ReactNode }) {
  const pathname = usePathname();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page's heading, as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader user={user} />
      <main className="page" id="main" ref={main}>
        {children}
      </main>
    </>
  );
}
