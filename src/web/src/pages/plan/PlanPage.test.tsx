import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../api/types';
import { App } from '../../app/App';
import { findTask } from '../../plans/derive';
import { latestHub } from '../../test/hub';
import { change, rowOf, samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson, urlOf, type Handler } from '../../test/server';

function openPlan(routes: Record<string, Handler> = {}) {
  window.history.replaceState(null, '', '/plans/1');
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    'GET /api/me': () => json(200, ada),
    'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
    'GET /api/plans/1': () => json(200, samplePlan(), { ETag: '"5"' }),
    'GET /api/plans/1/changes?since=5': () => json(200, { planId: 1, version: 5, changes: [], hasMore: false }),
    'GET /api/plans/1/progress': () => json(200, {
      planId: 1, version: 5, overall: samplePlan().progress, phases: [], completedLast30Days: 9, velocityPerWeek: 2.1,
      remaining: 4, estimatedCompletionDate: '2025-03-10', snapshots: [],
    }),
    ...routes,
  });
  renderWithClient(<App />);
  return fetchMock;
}

const bodyOf = (init: RequestInit | undefined) => sentJson(init);

/** A server that commits the change at `version`: its live echo (with the request's operation id) comes over the hub. */
function confirmedBy(version: number, rows: RowChange[]): Handler {
  return (init) => {
    const echo = change(version, rows, { operationId: new Headers(init.headers).get('X-Operation-Id')!, actorId: 1 });
    setTimeout(() => act(() => latestHub().emit('PlanEvent', echo)), 0);
    return json(200, {}, { ETag: `"${version}"` });
  };
}

describe('PlanPage', () => {
  it('shows phases with their tasks in order, progress, blocked badges and next actions', async () => {
    openPlan();
    const discover = await screen.findByRole('list', { name: 'Tasks in Discover' });
    expect(within(discover).getAllByRole('checkbox').map((box) => box.getAttribute('id'))).toEqual(['task-1', 'task-2', 'task-3']);
    expect(within(discover).getByRole('checkbox', { name: 'Size the market' })).toBeTruthy();
    expect(within(discover).getByText('Blocked')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('0');
    expect(screen.getByRole('button', { name: 'Reorder Map competitors' })).toBeTruthy();
    expect(await screen.findByText(/2.1 tasks a week over the last 30 days · at this pace, done around/)).toBeTruthy();
    const next = screen.getByRole('region', { name: 'Next actions' });
    expect(within(next).queryByText('Size the market')).toBeNull();
    expect(within(next).getByText('Interview owners')).toBeTruthy();
  });

  it('completes a task at once and keeps it once the server confirms', async () => {
    const before = rowOf(findTask(samplePlan(), 1)!);
    const fetchMock = openPlan({
      'PATCH /api/tasks/1': confirmedBy(6, [{ action: 'task.updated', taskId: 1, before, after: { ...before, status: 'completed' }, note: null }]),
    });
    const user = userEvent.setup();

    const box = await screen.findByRole('checkbox', { name: 'Interview owners' });
    await user.click(box);

    expect((box as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('25'));
    const patch = fetchMock.mock.calls.find(([url]) => url === '/api/tasks/1');
    expect(bodyOf(patch?.[1])).toEqual({ status: 'completed' });
    expect(new Headers(patch?.[1]?.headers).get('X-Operation-Id')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Interview owners' }).checked).toBe(true);
  });

  it('ticks the box in the same render as the click, not a timer later', async () => {
    const before = rowOf(findTask(samplePlan(), 1)!);
    openPlan({
      'PATCH /api/tasks/1': confirmedBy(6, [{ action: 'task.updated', taskId: 1, before, after: { ...before, status: 'completed' }, note: null }]),
    });
    const box = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Interview owners' });

    fireEvent.click(box);

    // No await in between: a tick that comes only after a timer flips back first, and a person sees it flicker.
    expect(box.checked).toBe(true);
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('25'));
  });

  it('rolls a failed change back and says so', async () => {
    openPlan({ 'PATCH /api/tasks/2': () => json(500, { title: 'Server error', detail: 'The database is not reachable.' }) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Map competitors' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Could not save “Map competitors”: The database is not reachable.');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Map competitors' }).checked).toBe(false);
  });

  it('asks before completing a blocked task, then completes it anyway with override', async () => {
    const fetchMock = openPlan({ 'PATCH /api/tasks/3': () => json(200, {}, { ETag: '"5"' }) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Size the market' }));
    const dialog = screen.getByRole('dialog', { name: '“Size the market” is waiting for other tasks' });
    expect(within(dialog).getByText('Interview owners')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/tasks/3')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Complete anyway' }));

    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => url === '/api/tasks/3')).toBe(true));
    const patch = fetchMock.mock.calls.find(([url]) => url === '/api/tasks/3');
    expect(bodyOf(patch?.[1])).toEqual({ status: 'completed', override: true });
  });

  it('applies a collaborator’s change live and shows who is here', async () => {
    openPlan();
    await screen.findByRole('checkbox', { name: 'Build prototype' });
    const hub = latestHub();
    await waitFor(() => expect(hub.invocations.some((i) => i.method === 'Resume')).toBe(true));
    expect(hub.invocations.find((i) => i.method === 'Resume')?.args).toEqual([1, 5]);
    const before = rowOf(findTask(samplePlan(), 4)!);

    act(() => {
      hub.emit('PlanEvent', { planId: 1, version: 0, type: 'presence.changed', data: { viewers: [{ id: 1, displayName: 'Ada Lovelace' }, { id: 2, displayName: 'Grace Hopper' }] } });
      hub.emit('PlanEvent', change(6, [{ action: 'task.updated', taskId: 4, before, after: { ...before, title: 'Build the prototype' }, note: null }]));
    });

    expect(await screen.findByRole('checkbox', { name: 'Build the prototype' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Viewing now' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('fetches the plan afresh when the hub says too much was missed to replay', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    const fetchMock = openPlan({
      'GET /api/plans/1': async () => {
        loads += 1;
        if (loads > 1) return json(200, { ...samplePlan(), version: 900, title: 'Reloaded plan' }, { ETag: '"900"' });
        await held; // the plan loads only once the hub below is set to answer Resume
        return json(200, samplePlan(), { ETag: '"5"' });
      },
    });
    const hub = await waitFor(() => latestHub());
    hub.answer('Resume', () => ({ version: 900, reload: true }));

    release();

    expect(await screen.findByRole('heading', { name: 'Reloaded plan' })).toBeTruthy();
    expect(hub.invocations.find((i) => i.method === 'Resume')?.args).toEqual([1, 5]);
    expect(fetchMock.mock.calls.filter(([url]) => url === '/api/plans/1')).toHaveLength(2);
    expect(fetchMock.mock.calls.some(([url]) => urlOf(url).includes('/changes'))).toBe(false);
  });

  it('undoes with the button and with Ctrl+Z, and redoes with Ctrl+Shift+Z', async () => {
    const fetchMock = openPlan({
      'POST /api/plans/1/undo': () => json(200, {}, { ETag: '"5"' }),
      'POST /api/plans/1/redo': () => json(200, {}, { ETag: '"5"' }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await user.keyboard('{Control>}z{/Control}');
    await user.keyboard('{Control>}{Shift>}Z{/Shift}{/Control}');

    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => urlOf(url).endsWith('/undo'))).toHaveLength(2));
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => urlOf(url).endsWith('/redo'))).toHaveLength(1));
  });

  it('moves a task to another phase without dragging', async () => {
    const before = rowOf(findTask(samplePlan(), 2)!);
    const fetchMock = openPlan({
      'POST /api/tasks/2/move': confirmedBy(6, [{ action: 'task.moved', taskId: 2, before, after: { ...before, phaseId: 20, position: 'k' }, note: null }]),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Map competitors' }));
    await user.click(screen.getByRole('menuitem', { name: 'Move to…' }));
    const dialog = screen.getByRole('dialog', { name: 'Move “Map competitors”' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Phase' }), 'Build');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));

    const build = screen.getByRole('list', { name: 'Tasks in Build' });
    expect(within(build).getByRole('checkbox', { name: 'Map competitors' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Live')).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(build).getByRole('checkbox', { name: 'Map competitors' })).toBeTruthy();
    const move = fetchMock.mock.calls.find(([url]) => url === '/api/tasks/2/move');
    expect(bodyOf(move?.[1])).toEqual({ phaseId: 20, afterTaskId: 4 });
  });

  it('shows why when access ends, and stops showing the plan or asking for it', async () => {
    const fetchMock = openPlan();
    await screen.findByRole('checkbox', { name: 'Build prototype' });
    const hub = latestHub();
    await waitFor(() => expect(hub.invocations.some((i) => i.method === 'Resume')).toBe(true));
    const loads = () => fetchMock.mock.calls.filter(([url]) => url === '/api/plans/1').length;
    const before = loads();

    act(() => hub.emit('AccessEnded', { planId: 1, reason: 'removed', message: 'Grace Hopper removed you from this plan.' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'You no longer have access to this plan' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByText('Grace Hopper removed you from this plan.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to your plans' }).getAttribute('href')).toBe('/plans');
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads()).toBe(before);
  });

  it('ignores an AccessEnded for another plan', async () => {
    openPlan();
    await screen.findByRole('checkbox', { name: 'Build prototype' });

    act(() => latestHub().emit('AccessEnded', { planId: 2, reason: 'removed', message: 'Removed.' }));

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('checkbox', { name: 'Build prototype' })).toBeTruthy();
  });

  it('takes the edit controls away at once when an editor is made a viewer', async () => {
    openPlan({ 'GET /api/plans/1': () => json(200, { ...samplePlan(), role: 'editor' }, { ETag: '"5"' }) });
    const box = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Build prototype' });
    expect(box.disabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Reorder Build prototype' })).toBeTruthy();

    act(() => latestHub().emit('AccessChanged', { planId: 1, role: 'viewer' }));

    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Build prototype' }).disabled).toBe(true));
    expect(screen.queryByRole('button', { name: 'Reorder Build prototype' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for Build prototype' })).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Undo' }).disabled).toBe(true);
    const notice = screen.getByText('You are now a viewer of this plan: you can read it, but no longer change it.');
    expect(notice.closest('[role="status"]')).toBeTruthy();
  });
});
