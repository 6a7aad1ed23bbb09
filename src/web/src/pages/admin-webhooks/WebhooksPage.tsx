import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi, type Webhook } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AdminListPage } from '../admin/AdminListPage';
import { AddWebhookDialog } from './AddWebhookDialog';
import { DeliveryLog } from './DeliveryLog';
import { deliveriesKey, formatLabel, webhooksKey } from './webhookText';

/** /admin/webhooks: where flag changes, guard actions and alerts are sent, and how their deliveries went. */
export function WebhooksPage() {
  const webhooks = useQuery({ queryKey: webhooksKey, queryFn: ({ signal }) => adminApi.webhooks(signal) });
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <>
      <AdminListPage
        title="Webhooks"
        action={{ label: 'Add webhook', onClick: () => setAdding(true) }}
        intro="Flag changes, rollout guard actions and alerts, sent to your receiver, Slack or PagerDuty as they happen."
        status={status}
        items={webhooks}
        loadingLabel="Loading webhooks…"
        empty="No webhooks yet. Add one to hear about alerts outside the app."
      >
        {(webhook) => <WebhookCard key={webhook.id} webhook={webhook} onStatus={setStatus} />}
      </AdminListPage>
      {adding && <AddWebhookDialog onClose={() => setAdding(false)} onAdded={setStatus} />}
    </>
  );
}

function WebhookCard({ webhook, onStatus }: { webhook: Webhook; onStatus: (text: string) => void }) {
  const client = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const test = useMutation({
    mutationFn: () => adminApi.testWebhook(webhook.id),
    onSuccess: async () => {
      setShowLog(true);
      onStatus(`Test event queued for webhook ${webhook.id}.`);
      await client.invalidateQueries({ queryKey: deliveriesKey(webhook.id) });
    },
  });
  const remove = useMutation({
    mutationFn: () => adminApi.removeWebhook(webhook.id),
    onSuccess: async () => {
      setConfirming(false);
      onStatus(`Webhook ${webhook.id} removed.`);
      await client.invalidateQueries({ queryKey: webhooksKey });
    },
  });
  const { pending, delivered, failed } = webhook.deliveries;
  const logId = `webhook-${webhook.id}-log`;
  return (
    <li className="card stack" aria-labelledby={`webhook-${webhook.id}-title`}>
      <div className="row-between">
        <h2 id={`webhook-${webhook.id}-title`} className="mono webhook-url">
          {webhook.url}
        </h2>
        <span className="badge badge--muted">{formatLabel(webhook.format)}</span>
      </div>
      <p className="small">
        {webhook.events.join(', ')} · {webhook.hasSecret ? 'signed' : 'no secret'}
        {webhook.format === 'pagerduty' && (webhook.hasRoutingKey ? ' · routing key set' : ' · no routing key')}
      </p>
      <p className="small muted">
        {delivered} delivered · {pending} pending · {failed} failed
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => test.mutate()} disabled={test.isPending} aria-busy={test.isPending}>
          Send test
        </button>
        <button type="button" className="button" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((v) => !v)}>
          {showLog ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Remove
        </button>
      </div>
      {test.isError && <ErrorMessage error={test.error} />}
      <div id={logId}>{showLog && <DeliveryLog id={webhook.id} />}</div>
      {confirming && (
        <ConfirmDialog title="Remove this webhook?" confirmLabel="Remove webhook" danger busy={remove.isPending}
          onConfirm={() => remove.mutate()} onCancel={() => setConfirming(false)}>
          <p>
            <span className="mono webhook-url">{webhook.url}</span> will hear nothing more. Its delivery log and anything still
            pending are deleted.
          </p>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </li>
  );
}
