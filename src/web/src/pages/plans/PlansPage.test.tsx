import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../api/types';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson } from '../../test/server';
import { newPlanBody } from './newPlan';
import { PlansPage } from './PlansPage';
import { samplePlan } from '../../test/plans';

const summary = (id: number, title: string, fields: Partial<PlanSummary> = {}): PlanSummary => ({
  id, title, description: '', status: 'active', version: 3, role: 'owner', ownerId: 1, searchResultId: 1,
  progress: { total: 10, notStarted: 5, inProgress: 1, completed: 3, skipped: 1, percent: 33.3 },
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-02T00:00:00Z', ...fields,
});

function renderPage() {
  return renderWithClient(<PlansPage />);
}

describe('PlansPage', () => {
  it('lists plans with a progress bar and counts, archived ones apart', async () => {
    fakeServer({ 'GET /api/plans': () => json(200, [summary(1, 'Pet sitting'), summary(2, 'Old idea', { status: 'archived' })]) });
    renderPage();

    const card = await screen.findByRole('article', { name: 'Pet sitting' });
    const bar = within(card).getByRole('progressbar', { name: 'Progress of Pet sitting' });
    expect(bar.getAttribute('aria-valuenow')).toBe('33.3');
    expect(within(card).getByText('3 of 9 done · 1 in progress · 1 skipped')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Pet sitting' }).getAttribute('href')).toBe('/plans/1');
    expect(within(screen.getByRole('list', { name: 'Archived plans' })).getByText('Old idea')).toBeTruthy();
  });

  it('says what to do when there are no plans', async () => {
    fakeServer({ 'GET /api/plans': () => json(200, []) });
    renderPage();
    expect((await screen.findByRole('link', { name: 'Search for a market gap' })).getAttribute('href')).toBe('/search');
  });

  it('renames and archives through the plan menu', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const fetchMock = fakeServer({
      'GET /api/plans': () => json(200, [summary(1, 'Pet sitting')]),
      'PATCH /api/plans/1': () => json(200, {}),
    });
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Pet sitting' }));
    await user.click(screen.getByRole('menuitem', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'Plan title' });
    await user.clear(input);
    await user.type(input, 'Dog walking{Enter}');
    await user.click(screen.getByRole('button', { name: 'Actions for Pet sitting' }));
    await user.click(screen.getByRole('menuitem', { name: 'Archive' }));

    const bodies = () =>
      fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH').map(([, init]) => sentJson(init));
    await waitFor(() => expect(bodies()).toEqual([{ title: 'Dog walking' }, { status: 'archived' }]));
  });

  it('deletes only after confirmation', async () => {
    const fetchMock = fakeServer({
      'GET /api/plans': () => json(200, [summary(1, 'Pet sitting')]),
      'DELETE /api/plans/1': () => new Response(null, { status: 204 }),
    });
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Pet sitting' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Pet sitting”?' });
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete plan' }));

    await waitFor(() => expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/plans/1' && init?.method === 'DELETE')).toBe(true));
  });

  it('starts a plan without a search: a title, a template or a blank plan, then the plan', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const templates = [{ id: 'marketplace', name: 'Marketplace', description: '', phaseCount: 4, taskCount: 20, phases: [] }];
    const plan = { ...samplePlan(), id: 42, title: 'Dog café' };
    const fetchMock = fakeServer({
      'GET /api/plans': () => json(200, []),
      'GET /api/templates': () => json(200, templates),
      'POST /api/plans': () => json(201, plan, { ETag: '"1"' }),
    });
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'New plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'New plan' });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(title);

    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));
    expect(within(dialog).getByText('Give the plan a title.')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await user.type(title, '  Dog café ');
    await within(dialog).findByRole('option', { name: /Marketplace/ });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Start from' }), 'marketplace');
    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));

    await waitFor(() => expect(window.location.pathname).toBe('/plans/42'));
    const post = fetchMock.mock.calls.find(([url, init]) => url === '/api/plans' && init?.method === 'POST');
    expect(sentJson(post?.[1])).toEqual({ title: 'Dog café', templateId: 'marketplace' });
  });

  it('sends a blank plan with its description and no template', () => {
    expect(newPlanBody(' Side project ', ' Weekends only ', '')).toEqual({ title: 'Side project', description: 'Weekends only' });
    expect(newPlanBody('   ', '', '')).toBe('Give the plan a title.');
    expect(newPlanBody('x'.repeat(201), '', '')).toMatch(/200 characters/);
  });
});
