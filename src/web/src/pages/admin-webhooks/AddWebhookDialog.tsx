import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { adminApi, isApiError, type NewWebhook } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { EVENTS, FORMATS, eventsFor, webhooksKey, type WebhookFormat } from './webhookText';

/** The add dialog: where, which format, which events, and the format's secret or routing key. */
export function AddWebhookDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (text: string) => void }) {
  const formId = useId();
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('generic');
  const [events, setEvents] = useState<string[]>(['guard.acted', 'alert.raised', 'alert.resolved']);
  const [secret, setSecret] = useState('');
  const [routingKey, setRoutingKey] = useState('');
  const add = useMutation({
    mutationFn: (body: NewWebhook) => adminApi.addWebhook(body),
    onSuccess: async (webhook) => {
      await client.invalidateQueries({ queryKey: webhooksKey });
      onAdded(`Webhook ${webhook.id} added.`);
      onClose();
    },
  });
  const server = isApiError(add.error, 400) ? add.error : undefined;
  const allowed = eventsFor(format);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({
      url: url.trim(),
      format,
      events: events.filter((e) => allowed.includes(e)),
      secret: secret === '' ? null : secret,
      routingKey: format === 'pagerduty' ? routingKey.trim() : null,
    });
  };

  return (
    <Dialog title="Add webhook" onClose={onClose} className="dialog--sticky-actions" actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" disabled={add.isPending} aria-busy={add.isPending}>
          Add webhook
        </button>
      </>
    }>
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <TextField label="URL" name="url" type="text" autoComplete="off" value={url} onChange={setUrl}
          errors={server?.errorsFor('url') ?? []} hint="Where to POST: a Slack incoming webhook, PagerDuty's Events API, or your receiver." />
        <div className="field">
          <label htmlFor={`${formId}-format`}>Format</label>
          <select id={`${formId}-format`} value={format} onChange={(event) => setFormat(event.target.value as WebhookFormat)}
            aria-invalid={(server?.errorsFor('format').length ?? 0) > 0 || undefined}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>Events</legend>
          {EVENTS.filter((e) => allowed.includes(e.value)).map((e) => (
            <label key={e.value} className="check-row">
              <input type="checkbox" checked={events.includes(e.value)}
                onChange={(event) => setEvents((all) => (event.target.checked ? [...all, e.value] : all.filter((x) => x !== e.value)))} />
              <span>
                {e.label} <code className="small">{e.value}</code>
              </span>
            </label>
          ))}
          {(server?.errorsFor('events').length ?? 0) > 0 && <p className="field-error">{server?.errorsFor('events').join(' ')}</p>}
        </fieldset>
        {format === 'pagerduty' && (
          <TextField label="Routing key" name="routingKey" type="text" autoComplete="off" value={routingKey} onChange={setRoutingKey}
            errors={server?.errorsFor('routingKey') ?? []} hint="The integration key of an Events API v2 integration. Never shown again." />
        )}
        <TextField label="Secret (optional)" name="secret" type="password" autoComplete="new-password" value={secret}
          onChange={setSecret} required={false} errors={server?.errorsFor('secret') ?? []}
          hint="16 to 200 characters. Each body is signed with it (X-Unbuilt-Signature). Never shown again." />
        {add.isError && !server && <ErrorMessage error={add.error} />}
      </form>
    </Dialog>
  );
}
