import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import type { SearchResult } from '../../api/types';
import { samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson } from '../../test/server';

const result: SearchResult = {
  id: 31, title: 'Pet sitting for shift workers', description: 'Night-shift owners have nobody to walk the dog.',
  category: 'market', industry: 'Pets', innovationScore: 7, feasibility: 'high', marketPotential: 'medium',
  marketSize: '$1.2B', targetAudience: 'nurses and shift workers with dogs', gapReason: 'Sitters work office hours.',
  confidence: 81, planId: null,
};
const search = { id: 9, query: 'pet care', createdAt: '2025-02-01T10:00:00Z', results: [result] };
const templates = ['software-startup', 'service-business', 'marketplace'].map((id) => ({
  id, name: id, description: `The ${id} template.`, phaseCount: 4, taskCount: 20, phases: [],
}));
const signedIn = {
  'GET /api/me': () => json(200, ada),
  'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
};

async function searchFor(query: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByRole('searchbox', { name: 'Search' }), query);
  await user.click(screen.getByRole('button', { name: 'Find gaps' }));
  return user;
}

describe('SearchPage', () => {
  it('searches, lands on the stored search, and shows each gap with its category, scores and reason', async () => {
    window.history.replaceState(null, '', '/search');
    const fetchMock = fakeServer({ ...signedIn, 'POST /api/search': () => json(201, search) });
    renderWithClient(<App />);

    await searchFor('pet care');

    const card = await screen.findByRole('article', { name: result.title });
    expect(window.location.pathname).toBe('/search/9');
    expect(within(card).getByText('Market gap')).toBeTruthy();
    expect(within(card).getByText('7/10')).toBeTruthy();
    expect(within(card).getByText('81%')).toBeTruthy();
    expect(within(card).getByText(/Sitters work office hours/)).toBeTruthy();
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/search');
    expect(sentJson(post?.[1])).toEqual({ query: 'pet care' });
  });

  it('searches while the action-plans feature is off, without offering to make a plan', async () => {
    window.history.replaceState(null, '', '/search');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
      'POST /api/search': () => json(201, search),
    });
    renderWithClient(<App />);

    await searchFor('pet care');

    const card = await screen.findByRole('article', { name: result.title });
    expect(within(card).getByText(/Sitters work office hours/)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Create action plan' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Action plans are temporarily unavailable' })).toBeNull();
  });

  it("says when a free user's searches run out", async () => {
    window.history.replaceState(null, '', '/search');
    fakeServer({
      ...signedIn,
      'POST /api/search': () => json(429, { title: 'Search limit reached', detail: 'Your searches reset on 2025-03-01 at 00:00 UTC.' }),
    });
    renderWithClient(<App />);

    await searchFor('pet care');

    expect((await screen.findByRole('alert')).textContent).toContain('reset on 2025-03-01');
  });

  it('creates a plan with the template suggested by category unless another is picked', async () => {
    window.history.replaceState(null, '', '/search/9');
    const plan = { ...samplePlan(), id: 77, title: result.title };

    const fetchMock = fakeServer({
      ...signedIn,
      'GET /api/search/9': () => json(200, search),
      'GET /api/templates': () => json(200, templates),
      'POST /api/plans': () => json(201, plan, { ETag: '"1"' }),
      'GET /api/plans/77': () => json(200, plan),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Create action plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create action plan' });
    const suggested = within(dialog).getByRole<HTMLInputElement>('radio', { name: /service-business/ });
    expect(suggested.checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(suggested));
    await user.click(within(dialog).getByRole('radio', { name: /marketplace/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));

    await waitFor(() => expect(window.location.pathname).toBe('/plans/77'));
    const post = fetchMock.mock.calls.find(([url, init]) => url === '/api/plans' && init?.method === 'POST');
    expect(sentJson(post?.[1])).toEqual({ searchResultId: 31, templateId: 'marketplace' });
  });

  it('points to the existing plan when the gap already has one', async () => {
    window.history.replaceState(null, '', '/search/9');
    fakeServer({
      ...signedIn,
      'GET /api/search/9': () => json(200, search),
      'GET /api/templates': () => json(200, templates),
      'POST /api/plans': () => json(409, { title: 'Conflict', detail: 'You already have one.', existingPlanId: 5 }),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Create action plan' }));
    await user.click(await screen.findByRole('button', { name: 'Create plan' }));

    const dialog = screen.getByRole('dialog', { name: 'Create action plan' });
    expect((await within(dialog).findByRole('link', { name: 'Open plan' })).getAttribute('href')).toBe('/plans/5');
    expect(within(dialog).queryByRole('button', { name: 'Create plan' })).toBeNull();
    expect(within(dialog).getByRole('alert').textContent).toContain('already have an active plan');
  });

  it('offers Open plan instead of Create action plan for a gap the user already has a plan for', async () => {
    window.history.replaceState(null, '', '/search/9');
    fakeServer({ ...signedIn, 'GET /api/search/9': () => json(200, { ...search, results: [{ ...result, planId: 12 }] }) });
    renderWithClient(<App />);

    const card = await screen.findByRole('article', { name: result.title });
    expect((await within(card).findByRole('link', { name: 'Open plan' })).getAttribute('href')).toBe('/plans/12');
    expect(within(card).queryByRole('button', { name: 'Create action plan' })).toBeNull();
  });

  it('keeps the dialog footer outside its scrolling body, so Create plan stays in view', async () => {
    window.history.replaceState(null, '', '/search/9');
    fakeServer({ ...signedIn, 'GET /api/search/9': () => json(200, search), 'GET /api/templates': () => json(200, templates) });
    renderWithClient(<App />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Create action plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create action plan' });
    const create = await within(dialog).findByRole('button', { name: 'Create plan' });
    expect(dialog.classList.contains('dialog--sticky-actions')).toBe(true);
    expect(create.closest('.dialog__actions')).toBeTruthy();
    expect(create.closest('.dialog__body')).toBeNull();
    // The button sits outside the form but submits it.
    expect(create.getAttribute('form')).toBe(dialog.querySelector('form')?.id);
  });

  it('says so under the field for a query of only spaces, without calling the server', async () => {
    window.history.replaceState(null, '', '/search');
    const fetchMock = fakeServer({ ...signedIn });
    renderWithClient(<App />);

    await searchFor('   ');

    const field = screen.getByRole('searchbox', { name: 'Search' });
    expect((await screen.findByRole('alert')).textContent).toBe('Type some words to search for, not only spaces.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('search-query-error');
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/search')).toBe(false);
  });

  it('shows no gaps with the suggestions and "did you mean" as searches of their own', async () => {
    window.history.replaceState(null, '', '/search/10');
    const empty = { id: 10, query: 'xqzvbnm', createdAt: '2025-02-01T10:00:00Z', results: [], quota: null,
      suggestions: ['pet care', 'meal kits'], didYouMean: 'xbox' };
    const fetchMock = fakeServer({
      ...signedIn,
      'GET /api/search/10': () => json(200, empty),
      'POST /api/search': () => json(201, search),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'No gaps found for “xqzvbnm”' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Try one of these searches' });
    expect(within(list).getAllByRole('button').map((b) => b.textContent)).toEqual(['pet care', 'meal kits']);
    expect(screen.getByRole('button', { name: 'xbox' }).closest('p')?.textContent).toBe('Did you mean xbox?');

    await user.click(within(list).getByRole('button', { name: 'pet care' }));

    await screen.findByRole('article', { name: result.title });
    expect(window.location.pathname).toBe('/search/9');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search' }).value).toBe('pet care');
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/search');
    expect(sentJson(post?.[1])).toEqual({ query: 'pet care' });
  });

  it('shows no gaps without suggestions from a server that sends none', async () => {
    window.history.replaceState(null, '', '/search/10');
    fakeServer({ ...signedIn, 'GET /api/search/10': () => json(200, { ...search, id: 10, query: 'a', results: [] }) });
    renderWithClient(<App />);

    expect(await screen.findByRole('heading', { level: 2, name: 'No gaps found for “a”' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Try one of these searches' })).toBeNull();
    expect(screen.queryByText(/Did you mean/)).toBeNull();
  });
});
