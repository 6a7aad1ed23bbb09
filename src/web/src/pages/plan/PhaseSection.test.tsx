import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PhaseRow, Plan, RowChange } from '../../api/types';
import { App } from '../../app/App';
import { latestHub } from '../../test/hub';
import { change, rowOf, samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson, urlOf, type Handler } from '../../test/server';

// Shaping phases on the plan page: add, rename and describe, move, delete (PlanPage.test.tsx has the tasks).
function openPlan(routes: Record<string, Handler> = {}, plan: Plan = samplePlan()) {
  window.history.replaceState(null, '', '/plans/1');
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    'GET /api/me': () => json(200, ada),
    'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
    'GET /api/plans/1': () => json(200, plan, { ETag: '"5"' }),
    'GET /api/plans/1/changes?since=5': () => json(200, { planId: 1, version: 5, changes: [], hasMore: false }),
    'GET /api/plans/1/progress': () => json(200, {
      planId: 1, version: 5, overall: plan.progress, phases: [], completedLast30Days: 0, velocityPerWeek: null,
      remaining: 4, estimatedCompletionDate: null, snapshots: [],
    }),
    ...routes,
  });
  renderWithClient(<App />);
  return fetchMock;
}

const phaseRow = (row: PhaseRow) => row as unknown as RowChange['after'];
const discover: PhaseRow = { id: 10, name: 'Discover', description: '', position: 'F', estimatedDuration: null };
const build: PhaseRow = { id: 20, name: 'Build', description: '', position: 'k', estimatedDuration: null };

/** A server that commits the change at version 6 and sends its live echo (with the request's operation id). */
function confirmedBy(rows: RowChange[], body: unknown = {}, status = 200): Handler {
  return (init) => {
    const echo = change(6, rows, { operationId: new Headers(init.headers).get('X-Operation-Id')!, actorId: 1 });
    setTimeout(() => act(() => latestHub().emit('PlanEvent', echo)), 0);
    return status === 204 ? new Response(null, { status, headers: { ETag: '"6"' } }) : json(status, body, { ETag: '"6"' });
  };
}

const headings = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent).filter((t) => /^\d/.test(t ?? ''));
const requestsTo = (fetchMock: ReturnType<typeof openPlan>, method: string, path: string) =>
  fetchMock.mock.calls.filter(([url, init]) => urlOf(url) === path && init?.method === method);

describe('Phases on the plan page', () => {
  it('adds a phase at the end: the name is required, the description optional, and the new phase takes focus', async () => {
    const launch: PhaseRow = { id: 30, name: 'Launch', description: 'Go live', position: 'z', estimatedDuration: null };
    const fetchMock = openPlan({
      'POST /api/plans/1/phases': confirmedBy([{ action: 'phase.created', taskId: null, before: null, after: phaseRow(launch), note: null }],
        { ...launch, progress: samplePlan().progress, tasks: [] }, 201),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: '+ Add phase' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a phase' });
    await user.click(within(dialog).getByRole('button', { name: 'Add phase' }));
    expect(within(dialog).getByText('Give the phase a name.')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST', '/api/plans/1/phases')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Name'), 'Launch');
    await user.type(within(dialog).getByLabelText(/Description/), 'Go live');
    await user.click(within(dialog).getByRole('button', { name: 'Add phase' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sentJson(requestsTo(fetchMock, 'POST', '/api/plans/1/phases')[0]![1])).toEqual({ name: 'Launch', description: 'Go live' });
    expect(headings()).toEqual(['1 Discover', '2 Build', '3 Launch']);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('3 Launch'));
  });

  it('adds a phase right after another from its menu', async () => {
    const fetchMock = openPlan({ 'POST /api/plans/1/phases': () => json(201, {}, { ETag: '"5"' }) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Discover' }));
    await user.click(screen.getByRole('menuitem', { name: 'Add phase after…' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a phase after “Discover”' });
    await user.type(within(dialog).getByLabelText('Name'), 'Validate');
    await user.click(within(dialog).getByRole('button', { name: 'Add phase' }));

    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/plans/1/phases')).toHaveLength(1));
    expect(sentJson(requestsTo(fetchMock, 'POST', '/api/plans/1/phases')[0]![1])).toEqual({ name: 'Validate', afterPhaseId: 10 });
  });

  it('renames and describes a phase, and gives focus back to its menu button', async () => {
    const renamed = { ...discover, name: 'Research', description: 'Who needs it?' };
    const fetchMock = openPlan({
      'PATCH /api/phases/10': confirmedBy([{ action: 'phase.updated', taskId: null, before: phaseRow(discover), after: phaseRow(renamed), note: null }]),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Discover' }));
    await user.click(screen.getByRole('menuitem', { name: 'Rename or describe…' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename or describe “Discover”' });
    const name = within(dialog).getByLabelText<HTMLInputElement>('Name');
    expect(name.value).toBe('Discover');
    await user.clear(name);
    await user.type(name, 'Research');
    await user.type(within(dialog).getByLabelText(/Description/), 'Who needs it?');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sentJson(requestsTo(fetchMock, 'PATCH', '/api/phases/10')[0]![1])).toEqual({ name: 'Research', description: 'Who needs it?' });
    expect(headings()).toEqual(['1 Research', '2 Build']);
    expect(screen.getByText('Who needs it?')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Phase actions: Research' }));
  });

  it('moves a phase down and up from its menu; the ends cannot move further', async () => {
    const fetchMock = openPlan({
      'POST /api/phases/10/move': confirmedBy([{ action: 'phase.moved', taskId: null, before: phaseRow(discover), after: phaseRow({ ...discover, position: 'z' }), note: null }]),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Discover' }));
    expect(screen.getByRole<HTMLButtonElement>('menuitem', { name: 'Move up' }).disabled).toBe(true);
    await user.click(screen.getByRole('menuitem', { name: 'Move down' }));

    await waitFor(() => expect(headings()).toEqual(['1 Build', '2 Discover']));
    expect(sentJson(requestsTo(fetchMock, 'POST', '/api/phases/10/move')[0]![1])).toEqual({ afterPhaseId: 20 });
    expect(await within(screen.getByRole('status', { name: 'Messages' })).findByText('Moved phase “Discover” to place 2 of 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Phase actions: Discover' }));
    expect(screen.getByRole<HTMLButtonElement>('menuitem', { name: 'Move down' }).disabled).toBe(true);
  });

  it('asks where a deleted phase’s tasks go, moves them there, and offers Undo', async () => {
    const plan = samplePlan();
    const moves = plan.phases[0]!.tasks.map((task, i): RowChange => {
      const before = rowOf(task);
      return { action: 'task.moved', taskId: task.id, before, after: { ...before, phaseId: 20, position: `W${i + 1}` }, note: null };
    });
    const fetchMock = openPlan({
      'DELETE /api/phases/10?moveTasksTo=20': confirmedBy([...moves, { action: 'phase.deleted', taskId: null, before: phaseRow(discover), after: null, note: null }], null, 204),
      'POST /api/plans/1/undo': () => json(200, {}, { ETag: '"6"' }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Discover' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete phase…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete phase “Discover”?' });
    expect(within(dialog).getByText(/holds 3 tasks/)).toBeTruthy();
    const target = within(dialog).getByLabelText<HTMLSelectElement>('Move its 3 tasks to');
    expect([...target.options].map((o) => o.text)).toEqual(['Build']);
    await user.click(within(dialog).getByRole('button', { name: 'Delete phase' }));

    await waitFor(() => expect(headings()).toEqual(['1 Build']));
    expect(within(screen.getByRole('list', { name: 'Tasks in Build' })).getAllByRole('checkbox').map((b) => b.id))
      .toEqual(['task-4', 'task-1', 'task-2', 'task-3']);
    const messages = screen.getByRole('status', { name: 'Messages' });
    expect(await within(messages).findByText('Deleted phase “Discover”')).toBeTruthy();
    await user.click(within(messages).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => urlOf(url) === '/api/plans/1/undo')).toBe(true));
  });

  it('deletes an empty phase without asking where tasks go', async () => {
    const plan = samplePlan();
    const fetchMock = openPlan({ 'DELETE /api/phases/20': confirmedBy([{ action: 'phase.deleted', taskId: null, before: phaseRow(build), after: null, note: null }], null, 204) },
      { ...plan, phases: [plan.phases[0]!, { ...plan.phases[1]!, tasks: [] }] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Build' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete phase…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete phase “Build”?' });
    expect(within(dialog).getByText('“Build” has no tasks. You can undo this.')).toBeTruthy();
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Delete phase' }));

    await waitFor(() => expect(headings()).toEqual(['1 Discover']));
    expect(requestsTo(fetchMock, 'DELETE', '/api/phases/20')).toHaveLength(1);
  });

  it('explains why the only phase cannot be deleted, and sends nothing', async () => {
    const plan = samplePlan();
    const only: Plan = { ...plan, phases: [{ ...plan.phases[1]!, tasks: [] }] };
    const fetchMock = openPlan({}, only);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Phase actions: Build' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete phase…' }));
    const dialog = screen.getByRole('dialog', { name: '“Build” cannot be deleted' });
    expect(within(dialog).getByText(/A plan keeps at least one phase/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE').map(([url]) => urlOf(url))).toEqual([]);
  });

  it('shows a refusal inside the open dialog, which stays open with what was typed', async () => {
    openPlan({ 'POST /api/plans/1/phases': () => json(409, { title: 'Limit reached', detail: 'A plan holds at most 50 phases.' }) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: '+ Add phase' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a phase' });
    await user.type(within(dialog).getByLabelText('Name'), 'One too many');
    await user.click(within(dialog).getByRole('button', { name: 'Add phase' }));

    const messages = await within(dialog).findByRole('status', { name: 'Messages' });
    await waitFor(() => expect(within(messages).getByText(/Could not add the phase: A plan holds at most 50 phases./)).toBeTruthy());
    expect(within(dialog).getByLabelText<HTMLInputElement>('Name').value).toBe('One too many');
  });

  it('shows a viewer no way to change phases', async () => {
    openPlan({}, { ...samplePlan(), role: 'viewer' });
    await screen.findByRole('list', { name: 'Tasks in Discover' });
    expect(screen.queryByRole('button', { name: '+ Add phase' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Phase actions/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reorder phase/ })).toBeNull();
  });
});
