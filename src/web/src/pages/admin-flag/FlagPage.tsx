import type { PageProps } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from '../admin/AdminNotices';
import { BetaUsers } from './BetaUsers';
import { FlagHistory } from './FlagHistory';
import { FlagLifecycle } from './FlagLifecycle';
import { KillSwitch } from './KillSwitch';
import { PhaseStepper } from './PhaseStepper';
import { RolloutSettings } from './RolloutSettings';
import { SuccessCriteria } from './SuccessCriteria';
import { RolloutTimeline } from './RolloutTimeline';
import { useFlagStatus } from './useFlagChange';
import { WhoSeesIt } from './WhoSeesIt';

export function FlagPage({ params }: PageProps) {
  const name = params['name'] ?? '';
  const status = useFlagStatus(name);
  return (
    <>
      <p className="small">
        <Link to="/admin/flags">← Feature flags</Link>
      </p>
      <PageTitle title={name}>
        <span className="mono">{name}</span>
      </PageTitle>
      <AdminNotices />
      {status.isPending && <Loading label="Loading the flag…" />}
      {status.isError && <ErrorMessage error={status.error} />}
      {status.data && (
        <div className="admin-grid">
          {status.data.description && <p className="lead admin-grid__wide">{status.data.description}</p>}
          <KillSwitch status={status.data} />
          <PhaseStepper status={status.data} />
          <RolloutTimeline status={status.data} />
          <RolloutSettings status={status.data} />
          <BetaUsers status={status.data} />
          <SuccessCriteria status={status.data} />
          <WhoSeesIt name={name} />
          <FlagLifecycle name={name} />
          <FlagHistory name={name} />
        </div>
      )}
    </>
  );
}
