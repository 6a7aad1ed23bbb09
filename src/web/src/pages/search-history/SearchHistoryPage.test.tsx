import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson } from '../../test/server';
import { SearchHistoryPage } from './SearchHistoryPage';

const searches = [
  { id: 9, query: 'pet care', createdAt: '2025-02-01T10:00:00Z', resultCount: 10 },
  { id: 8, query: 'meal kits', createdAt: '2025-01-31T10:00:00Z', resultCount: 4 },
];

describe('SearchHistoryPage', () => {
  it('runs a stored search again as a new search and lands on it', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const fetchMock = fakeServer({
      'GET /api/searches': () => json(200, searches),
      'POST /api/search': () => json(201, { id: 11, query: 'meal kits', createdAt: '2025-02-02T10:00:00Z', results: [], quota: null }),
    });
    renderWithClient(<SearchHistoryPage />);
    const user = userEvent.setup();

    const row = (await screen.findByRole('link', { name: 'meal kits' })).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Run again' }));

    await waitFor(() => expect(window.location.pathname).toBe('/search/11'));
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/search');
    expect(sentJson(post?.[1])).toEqual({ query: 'meal kits' });
  });

  it('deletes a search after confirmation and says so', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    let stored = searches;
    const fetchMock = fakeServer({
      'GET /api/searches': () => json(200, stored),
      'DELETE /api/searches/9': () => {
        stored = searches.filter((s) => s.id !== 9);
        return new Response(null, { status: 204 });
      },
    });
    renderWithClient(<SearchHistoryPage />);
    const user = userEvent.setup();

    const row = (await screen.findByRole('link', { name: 'pet care' })).closest('li')!;
    const remove = within(row).getByRole('button', { name: 'Delete' });
    expect(remove.getAttribute('aria-describedby')).toBe('search-9');
    await user.click(remove);
    const dialog = await screen.findByRole('dialog', { name: 'Delete this search?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Delete search' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: 'pet care' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Deleted the search “pet care”.');
    expect(screen.getByRole('link', { name: 'meal kits' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the search and shows why when the delete fails', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    fakeServer({
      'GET /api/searches': () => json(200, searches),
      'DELETE /api/searches/9': () => json(404, { title: 'Not found', detail: 'There is no search 9.' }),
    });
    renderWithClient(<SearchHistoryPage />);
    const user = userEvent.setup();

    const row = (await screen.findByRole('link', { name: 'pet care' })).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this search?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete search' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain('There is no search 9.');
    expect(screen.getByRole('link', { name: 'pet care' })).toBeTruthy();
  });
});
