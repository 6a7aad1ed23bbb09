import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onlineManager } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson, urlOf, type Handler } from '../../test/server';

// The plan page's failure, undo, task-view and forecast messages (PlanPage.test.tsx has the board itself).
function openPlan(routes: Record<string, Handler> = {}, progress: Record<string, unknown> = {}) {
  window.history.replaceState(null, '', '/plans/1');
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    'GET /api/me': () => json(200, ada),
    'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
    'GET /api/plans/1': () => json(200, samplePlan(), { ETag: '"5"' }),
    'GET /api/plans/1/changes?since=5': () => json(200, { planId: 1, version: 5, changes: [], hasMore: false }),
    'GET /api/plans/1/progress': () => json(200, {
      planId: 1, version: 5, overall: samplePlan().progress, phases: [], completedLast30Days: 9, velocityPerWeek: 2.1,
      remaining: 4, estimatedCompletionDate: '2025-03-10', snapshots: [], ...progress,
    }),
    'GET /api/plans/1/members': () => json(200, []),
    'GET /api/plans/1/history?limit=50': () => json(200, []),
    ...routes,
  });
  renderWithClient(<App />);
  return fetchMock;
}

const messages = () => screen.getByRole('status', { name: 'Messages' });

describe('PlanPage: saving, undo and the task view', () => {
  it('shows a refused change at its task and in a toast with Retry, and clears both when the retry succeeds', async () => {
    let calls = 0;
    openPlan({
      'PATCH /api/tasks/2': () => (++calls === 1
        ? json(403, { title: 'Forbidden', detail: 'You can no longer edit this plan.' })
        : json(200, {}, { ETag: '"5"' })),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Map competitors' }));

    const row = document.querySelector<HTMLElement>('li[data-task-id="2"]')!;
    await waitFor(() => expect(within(row).getByRole('alert').textContent).toContain('You can no longer edit this plan.'));
    expect(within(messages()).getByText(/Could not save “Map competitors”/)).toBeTruthy();
    await user.click(within(messages()).getByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(calls).toBe(2));
    await waitFor(() => expect(within(row).queryByRole('alert')).toBeNull());
    expect(within(messages()).queryByText(/Could not save/)).toBeNull();
  });

  it('says what was deleted, with Undo', async () => {
    const fetchMock = openPlan({
      'DELETE /api/tasks/2': () => json(204, undefined, { ETag: '"5"' }),
      'POST /api/plans/1/undo': () => json(200, {}, { ETag: '"5"' }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Map competitors' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));

    expect(within(messages()).getByText('Deleted “Map competitors”')).toBeTruthy();
    await user.click(within(messages()).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => urlOf(url).endsWith('/undo'))).toBe(true));
  });

  it('names what Undo will revert and disables Redo when there is nothing to redo', async () => {
    openPlan({
      'GET /api/plans/1/undo-state': () => json(200, {
        undo: { operationId: 'a', type: 'task.updated', summary: 'complete ‘Interview owners’' }, redo: null,
      }),
    });
    expect(await screen.findByRole('button', { name: 'Undo: complete ‘Interview owners’' })).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Redo' }).disabled).toBe(true);
  });

  it('keeps plain Undo and Redo working when the server has no undo-state yet', async () => {
    openPlan();
    const undo = await screen.findByRole<HTMLButtonElement>('button', { name: 'Undo' });
    expect(undo.disabled).toBe(false);
  });

  it('opens the task by its title without completing it, and closes it with the URL', async () => {
    const fetchMock = openPlan();
    const user = userEvent.setup();

    const discover = await screen.findByRole('list', { name: 'Tasks in Discover' });
    await user.click(within(discover).getByRole('button', { name: 'Map competitors' }));

    const panel = await screen.findByRole('dialog', { name: 'Map competitors' });
    expect(window.location.search).toBe('?task=2');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Map competitors' }).checked).toBe(false);
    expect(fetchMock.mock.calls.some(([url]) => urlOf(url).startsWith('/api/tasks/'))).toBe(false);
    expect(within(panel).getByLabelText('Status')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: '← Back to the plan' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Map competitors' })).toBeNull());
  });

  it('shows the task’s own history from the server and links a prerequisite found by search, leaving out tasks that wait for it', async () => {
    const linked: unknown[] = [];
    openPlan({
      'GET /api/plans/1/history?limit=50&taskId=1': () => json(200, [{
        id: 7, version: 4, action: 'task.updated', taskId: 1, userId: 1, operationId: 'op', isUndo: false,
        revertsOperationId: null, note: null, before: { title: 'Interview owners', status: 'notStarted' },
        after: { title: 'Interview owners', status: 'completed' }, timestamp: '2025-01-02T10:00:00Z',
      }]),
      'POST /api/tasks/1/dependencies': (init) => {
        linked.push(sentJson(init));
        return json(201, {}, { ETag: '"5"' });
      },
    });
    const user = userEvent.setup();
    const discover = await screen.findByRole('list', { name: 'Tasks in Discover' });
    await user.click(within(discover).getByRole('button', { name: 'Interview owners' }));
    const panel = await screen.findByRole('dialog', { name: 'Interview owners' });

    const history = within(panel).getByRole('region', { name: 'Task history' });
    expect(await within(history).findByText(/completed “Interview owners”/)).toBeTruthy();

    // "Size the market" waits for this task: linking it back would be a cycle, so it is not offered.
    await user.type(within(panel).getByRole('searchbox', { name: 'Add a task it waits for' }), 's');
    expect(within(panel).queryByRole('button', { name: /Add “Size the market”/ })).toBeNull();
    await user.click(within(panel).getByRole('button', { name: /Add “Map competitors”/ }));
    await waitFor(() => expect(linked).toEqual([{ prerequisiteTaskId: 2 }]));
  });

  it('reports a refused new task in a toast with Retry, and the retry adds it', async () => {
    let calls = 0;
    openPlan({
      'POST /api/plans/1/tasks': () => (++calls === 1
        ? json(422, { title: 'Too many tasks', detail: 'A plan holds at most 500 tasks.' })
        : json(201, {}, { ETag: '"5"' })),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add task to Build' }));
    await user.type(screen.getByLabelText('New task in Build'), 'Launch page{Enter}');

    expect(await within(messages()).findByText('Could not add the task: A plan holds at most 500 tasks.')).toBeTruthy();
    await user.click(within(messages()).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls).toBe(2));
    await waitFor(() => expect(within(messages()).queryByText(/Could not add the task/)).toBeNull());
  });

  it('shows who a task is assigned to, by name', async () => {
    const plan = samplePlan();
    plan.phases[0]!.tasks[1] = { ...plan.phases[0]!.tasks[1]!, assigneeId: 7 };
    openPlan({
      'GET /api/plans/1': () => json(200, plan, { ETag: '"5"' }),
      'GET /api/plans/1/members': () => json(200, [
        { userId: 7, displayName: 'Grace Hopper', email: 'grace@example.com', role: 'editor', joinedAt: '2025-01-01T00:00:00Z' },
      ]),
    });
    await screen.findByRole('checkbox', { name: 'Map competitors' });
    const row = document.querySelector<HTMLElement>('li[data-task-id="2"]')!;
    await waitFor(() => expect(row.textContent).toContain('Assigned: Grace Hopper'));
    expect(document.querySelector<HTMLElement>('li[data-task-id="1"]')!.textContent).not.toContain('Assigned');
  });

  it('says what the forecast needs instead of a pace from too little evidence', async () => {
    openPlan({}, { velocityPerWeek: null, estimatedCompletionDate: null, forecastNeeds: 'Complete 2 more tasks to see a finish date.' });
    expect(await screen.findByText('Complete 2 more tasks to see a finish date.')).toBeTruthy();
  });

  it('filters by search after a pause in typing, and j/x move and complete from the keyboard', async () => {
    const fetchMock = openPlan({ 'PATCH /api/tasks/1': () => json(200, {}, { ETag: '"5"' }) });
    const user = userEvent.setup();
    await screen.findByRole('checkbox', { name: 'Interview owners' });

    await user.keyboard('/');
    await user.keyboard('prototype');
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Interview owners' })).toBeNull());
    expect(screen.getByRole('checkbox', { name: 'Build prototype' })).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search tasks' }));
    await screen.findByRole('checkbox', { name: 'Interview owners' });

    act(() => (document.activeElement as HTMLElement).blur());
    await user.keyboard('j');
    expect(document.activeElement?.textContent).toBe('Interview owners');
    await user.keyboard('x');
    await waitFor(() => expect(fetchMock.mock.calls.some(([url, init]) => urlOf(url) === '/api/tasks/1' && init?.method === 'PATCH')).toBe(true));
    await user.keyboard('?');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });

  it('queues changes while offline, says so, disables Undo, and sends them on reconnect with the same operation id', async () => {
    const ids: string[] = [];
    const fetchMock = openPlan({
      'PATCH /api/tasks/1': (init) => {
        ids.push(new Headers(init.headers).get('X-Operation-Id')!);
        // The first attempt is lost on the way (the connection drops); the resend arrives.
        if (ids.length === 1) throw new TypeError('Failed to fetch');
        return json(200, {}, { ETag: '"5"' });
      },
    });
    const user = userEvent.setup();
    await screen.findByRole('checkbox', { name: 'Interview owners' });
    await screen.findByRole('button', { name: 'Undo' });

    act(() => onlineManager.setOnline(false));
    try {
      await user.click(screen.getByRole('checkbox', { name: 'Interview owners' }));
      expect(await screen.findByText(/Offline — changes will be sent when you are back · 1 change waiting/)).toBeTruthy();
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Undo' }).disabled).toBe(true);
      expect(document.querySelector('li[data-task-id="1"]')?.textContent).toContain('Saving…');
      expect(fetchMock.mock.calls.some(([url]) => urlOf(url) === '/api/tasks/1')).toBe(false);
    } finally {
      act(() => onlineManager.setOnline(true));
    }

    await waitFor(() => expect(ids).toHaveLength(2), { timeout: 4000 });
    expect(ids[1]).toBe(ids[0]);
    await waitFor(() => expect(document.querySelector('li[data-task-id="1"]')?.textContent).not.toContain('Saving…'));
  });
});
