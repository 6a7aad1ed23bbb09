import type { HubConnection } from '@microsoft/signalr';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AccessChange, AccessEnd, AdminNotice, FeatureChange, SignOut } from '../api/types';
import { isSigningOut, setSignedInUser } from '../auth/session';
import { applyAccessChange, applyAccessEnd } from './access';
import { addAdminNotice } from './adminNotices';
import { applyFeatureChange, featuresKey } from './features';
import { createHub } from './hub';

export type LiveState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

interface Live {
  connection: HubConnection | null;
  state: LiveState;
}

const LiveContext = createContext<Live>({ connection: null, state: 'offline' });

export function useLive(): Live {
  return useContext(LiveContext);
}

const START_RETRY_MS = [1000, 2000, 5000, 10_000];

/**
 * A connection the server closes within this long of opening it was refused (the user has too many open, say):
 * the next try waits longer each time, so a page over the limit does not knock every second.
 */
const REFUSED_WITHIN_MS = 5000;
const REFUSED_RETRY_MS = [10_000, 30_000, 60_000];

/**
 * Holds the signed-in user's one hub connection: started on sign-in, stopped on sign-out, restarted for as long as
 * the page is open, unless the server says the session has ended. Flag changes, admin notices, access to plans and
 * the end of the session are global, so they are handled here; plan changes belong to the plan page (useLivePlan).
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [live, setLive] = useState<Live>({ connection: null, state: 'connecting' });

  useEffect(() => {
    const connection = createHub();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let connectedAt = 0;
    let refusals = 0;
    const set = (state: LiveState) => {
      if (!stopped) setLive({ connection, state });
    };

    connection.on('FeatureChanged', (change: FeatureChange) => applyFeatureChange(client, change));
    connection.on('AdminNotice', (notice: AdminNotice) => addAdminNotice(client, notice));
    connection.on('AccessChanged', (change: AccessChange) => applyAccessChange(client, change));
    connection.on('AccessEnded', (end: AccessEnd) => applyAccessEnd(client, end));
    connection.on('SignedOut', ({ message }: SignOut) => {
      // The server closes the connection next. Its session has ended, so no reconnect, automatic or ours: a new
      // one would be refused, and would knock for as long as the page is open.
      stopped = true;
      clearTimeout(timer);
      void connection.stop();
      setLive({ connection, state: 'offline' });
      // A sign-out this page asked for shows the sign-in page without a message when its answer comes.
      if (!isSigningOut(client)) setSignedInUser(client, null, message);
    });
    connection.onreconnecting(() => set('reconnecting'));
    connection.onreconnected(() => {
      connectedAt = Date.now();
      set('connected');
      // A flag may have changed while we were away: ask again.
      void client.invalidateQueries({ queryKey: featuresKey });
    });
    const start = async (attempt: number) => {
      try {
        await connection.start();
        connectedAt = Date.now();
        set('connected');
      } catch {
        if (stopped) return;
        set('offline');
        timer = setTimeout(() => void start(attempt + 1), START_RETRY_MS[attempt] ?? 10_000);
      }
    };
    connection.onclose(() => {
      set('offline');
      if (stopped) return;
      refusals = Date.now() - connectedAt < REFUSED_WITHIN_MS ? refusals + 1 : 0;
      const wait = refusals === 0 ? START_RETRY_MS[0] : (REFUSED_RETRY_MS[refusals - 1] ?? 60_000);
      timer = setTimeout(() => void start(0), wait);
    });
    set('connecting');
    void start(0);

    return () => {
      stopped = true;
      clearTimeout(timer);
      void connection.stop();
    };
  }, [client]);

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
