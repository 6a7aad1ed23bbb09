import type { OperationStats } from '../../api/adminTypes';
import { percent, reading } from './format';


/**
 * The charts' numbers, and more, as a table: count, errors (5xx) and their rate, client errors (4xx: the caller's
 * mistakes, which no alert or gate judges) and their rate, and latency percentiles per operation.
 */
export function OperationsTable({ operations, total }: { operations: OperationStats[]; total: OperationStats }) {
  return (
    <section className="card" aria-labelledby="operations-title">
      <h2 id="operations-title" className="section-title">
        Operations
      </h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="operations-title">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Requests</th>
              <th scope="col">Errors</th>
              <th scope="col">Error rate</th>
              <th scope="col">Client errors</th>
              <th scope="col">Client error rate</th>
              <th scope="col">p50 ms</th>
              <th scope="col">p95 ms</th>
              <th scope="col">p99 ms</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((o) => (
              <tr key={o.operation}>
                <th scope="row" className="mono">{o.operation}</th>
                <td>{o.count}</td>
                <td>{o.errors}</td>
                <td>{percent(o.errorRatePercent)}</td>
                <td>{o.clientErrors}</td>
                <td>{percent(o.clientErrorRatePercent)}</td>
                <td>{reading(o.p50Ms)}</td>
                <td>{reading(o.p95Ms)}</td>
                <td>{reading(o.p99Ms)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td>{total.count}</td>
              <td>{total.errors}</td>
              <td>{percent(total.errorRatePercent)}</td>
              <td>{total.clientErrors}</td>
              <td>{percent(total.clientErrorRatePercent)}</td>
              <td>{reading(total.p50Ms)}</td>
              <td>{reading(total.p95Ms)}</td>
              <td>{reading(total.p99Ms)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
