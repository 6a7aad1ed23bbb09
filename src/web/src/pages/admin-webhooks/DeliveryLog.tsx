import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { answerText, deliveriesKey, when } from './webhookText';

/** The newest deliveries of one webhook: what was sent, what came back, and when it is tried again. */
export function DeliveryLog({ id }: { id: number }) {
  const log = useQuery({
    queryKey: deliveriesKey(id),
    queryFn: ({ signal }) => adminApi.webhookDeliveries(id, signal),
    refetchInterval: 5000,
  });
  const titleId = `webhook-${id}-deliveries`;
  if (log.isPending) return <Loading label="Loading deliveries…" />;
  if (log.isError) return <ErrorMessage error={log.error} />;
  if (log.data.deliveries.length === 0) return <p className="muted small">Nothing sent yet. Send a test event to try it.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
      <table className="table">
        <caption id={titleId} className="small">
          Latest deliveries of webhook {id}
        </caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Answer</th>
            <th scope="col">Created</th>
            <th scope="col">Next attempt</th>
          </tr>
        </thead>
        <tbody>
          {log.data.deliveries.map((d) => (
            <tr key={d.id}>
              <th scope="row" className="mono">
                {d.event}
              </th>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{answerText(d)}</td>
              <td>{when(d.createdAt)}</td>
              <td>{when(d.nextAttemptAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
