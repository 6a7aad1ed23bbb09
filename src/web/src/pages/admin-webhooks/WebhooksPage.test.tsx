import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Webhook, WebhookDeliveries } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson } from '../../test/server';
import { WebhooksPage } from './WebhooksPage';

const slack: Webhook = {
  id: 1, url: 'https://hooks.slack.com/services/T0/B0/abc', events: ['flag.changed', 'alert.raised'], format: 'slack',
  hasSecret: false, hasRoutingKey: false, createdAt: '2026-12-03T08:00:00Z', deliveries: { pending: 1, delivered: 4, failed: 0 },
};
const log: WebhookDeliveries = {
  nextBefore: null,
  deliveries: [
    {
      id: 7, eventId: 'e7', event: 'alert.raised', status: 'pending', attempts: 2, statusCode: 500, error: 'HTTP 500: boom',
      createdAt: '2026-12-03T08:01:00Z', lastAttemptAt: '2026-12-03T08:01:10Z', nextAttemptAt: '2026-12-03T08:02:00Z', deliveredAt: null,
    },
  ],
};

describe('WebhooksPage', () => {
  it('lists webhooks without their secrets, shows the delivery log and sends a test', async () => {
    let tests = 0;
    fakeServer({
      'GET /api/webhooks': () => json(200, [slack]),
      'GET /api/webhooks/1/deliveries?limit=20': () => json(200, log),
      'POST /api/webhooks/1/test': () => {
        tests++;
        return json(202, log.deliveries[0]);
      },
    });
    renderWithClient(<WebhooksPage />);

    const card = (await screen.findByRole('heading', { name: slack.url })).closest('li')!;
    expect(within(card).getByText('Slack incoming webhook')).toBeTruthy();
    expect(card.textContent).toContain('flag.changed, alert.raised · no secret');
    expect(card.textContent).toContain('4 delivered · 1 pending · 0 failed');

    await userEvent.click(within(card).getByRole('button', { name: 'Send test' }));
    expect(tests).toBe(1);
    const table = await within(card).findByRole('table');
    const row = within(table).getByRole('rowheader', { name: 'alert.raised' }).parentElement!;
    expect(row.textContent).toContain('HTTP 500: boom');
    expect(row.textContent).toContain('pending');
    expect(await screen.findByText('Test event queued for webhook 1.')).toBeTruthy();
  });

  it('adds a PagerDuty webhook with its routing key and shows the server’s field errors', async () => {
    const sent: unknown[] = [];
    let answer = 400;
    fakeServer({
      'GET /api/webhooks': () => json(200, []),
      'POST /api/webhooks': (init) => {
        sent.push(sentJson(init));
        return answer === 400
          ? json(400, { status: 400, title: 'The request has invalid fields', errors: { url: ['url must be an absolute http:// or https:// URL.'] } })
          : json(201, { ...slack, id: 2, format: 'pagerduty', hasRoutingKey: true, events: ['alert.raised'] });
      },
    });
    renderWithClient(<WebhooksPage />);
    await screen.findByText(/No webhooks yet/);

    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    const dialog = screen.getByRole('dialog', { name: 'Add webhook' });
    await userEvent.type(within(dialog).getByLabelText('URL'), 'events.pagerduty.com');
    await userEvent.selectOptions(within(dialog).getByLabelText('Format'), 'pagerduty');
    expect(within(dialog).queryByLabelText(/A flag changed/)).toBeNull(); // PagerDuty takes incidents only
    await userEvent.type(within(dialog).getByLabelText('Routing key'), 'R0UT1NG');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add webhook' }));

    expect(await within(dialog).findByText('url must be an absolute http:// or https:// URL.')).toBeTruthy();
    expect(within(dialog).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({
      url: 'events.pagerduty.com', format: 'pagerduty', events: ['guard.acted', 'alert.raised', 'alert.resolved'],
      secret: null, routingKey: 'R0UT1NG',
    });

    answer = 201;
    await userEvent.clear(within(dialog).getByLabelText('URL'));
    await userEvent.type(within(dialog).getByLabelText('URL'), 'https://events.pagerduty.com/v2/enqueue');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('Webhook 2 added.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes a webhook only after confirming', async () => {
    let removed = 0;
    let list = [slack];
    fakeServer({
      'GET /api/webhooks': () => json(200, list),
      'DELETE /api/webhooks/1': () => {
        removed++;
        list = [];
        return new Response(null, { status: 204 });
      },
    });
    renderWithClient(<WebhooksPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove this webhook?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(removed).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove webhook' }));
    expect(await screen.findByText(/No webhooks yet/)).toBeTruthy();
    expect(removed).toBe(1);
  });
});
