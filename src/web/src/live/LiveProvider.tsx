import type { HubConnection } from '@microsoft/signalr';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AdminNotice, FeatureChange } from '../api/types';
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
 * Holds the signed-in user's one hub connection: started on sign-in, stopped on sign-out, restarted for as long as
 * the page is open. Flag changes and admin notices are global, so they are handled here; plan changes belong to
 * the plan page (useLivePlan).
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [live, setLive] = useState<Live>({ connection: null, state: 'connecting' });

  useEffect(() => {
    const connection = createHub();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const set = (state: LiveState) => {
      if (!stopped) setLive({ connection, state });
    };

    connection.on('FeatureChanged', (change: FeatureChange) => applyFeatureChange(client, change));
    connection.on('AdminNotice', (notice: AdminNotice) => addAdminNotice(client, notice));
    connection.onreconnecting(() => set('reconnecting'));
    connection.onreconnected(() => {
      set('connected');
      // A flag may have changed while we were away: ask again.
      void client.invalidateQueries({ queryKey: featuresKey });
    });
    const start = async (attempt: number) => {
      try {
        await connection.start();
        set('connected');
      } catch {
        if (stopped) return;
        set('offline');
        timer = setTimeout(() => void start(attempt + 1), START_RETRY_MS[attempt] ?? 10_000);
      }
    };
    connection.onclose(() => {
      set('offline');
      if (!stopped) timer = setTimeout(() => void start(0), START_RETRY_MS[0]);
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
