import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { resetPlanSync } from '../live/planSync';
import { createFakeHub, hubs } from './hub';

// findBy* waits up to 5 s (not 1 s): a busy machine renders slowly, and a slow render is not a bug.
configure({ asyncUtilTimeout: 5_000 });

// No test opens a WebSocket: the hub connection is a fake that tests drive (see test/hub.ts).
vi.mock('../live/hub', () => ({ HUB_PATH: '/hubs/plans', createHub: () => createFakeHub() }));

// jsdom has no canvas: charts draw nothing in tests (their numbers are in the page's table).
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  hubs.length = 0;
  resetPlanSync();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  window.history.replaceState(null, '', '/');
});
