import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestHub } from '../test/hub';
import { renderWithClient } from '../test/render';
import { LiveProvider } from './LiveProvider';

const refused = () => new Error('Server returned an error on close: HubException: at most 20 live connections');

/** Lets the fake hub's start() resolve and the provider react to it. */
const settle = () => act(async () => {});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('LiveProvider', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits longer after each refusal, and reconnects at once after a connection that lasted', async () => {
    renderWithClient(<LiveProvider>page</LiveProvider>);
    await settle();
    const hub = latestHub();
    expect(hub.starts).toBe(1);

    act(() => hub.close(refused()));
    await advance(9_999);
    expect(hub.starts).toBe(1);
    await advance(1);
    expect(hub.starts).toBe(2);

    act(() => hub.close(refused()));
    await advance(29_999);
    expect(hub.starts).toBe(2);
    await advance(1);
    expect(hub.starts).toBe(3);

    await advance(60_000); // this one stays up: a later close is not a refusal
    act(() => hub.close(new Error('gone')));
    await advance(1_000);
    expect(hub.starts).toBe(4);
  });

  it('stays closed after the server says the session ended, and records the user as signed out with why', async () => {
    const { client } = renderWithClient(<LiveProvider>page</LiveProvider>);
    await settle();
    const hub = latestHub();
    client.setQueryData(['me'], { id: 1 });
    client.setQueryData(['plans'], []);

    act(() => hub.emit('SignedOut', { reason: 'session-revoked', message: 'This session was ended from another device.' }));
    act(() => hub.close(new Error('Server closed the connection.')));
    await advance(120_000);

    expect(hub.starts).toBe(1);
    expect(hub.state).toBe('Disconnected');
    expect(client.getQueryData(['me'])).toBeNull();
    expect(client.getQueryData(['plans'])).toBeUndefined();
    expect(client.getQueryData(['sign-in-notice'])).toBe('This session was ended from another device.');
  });
});
