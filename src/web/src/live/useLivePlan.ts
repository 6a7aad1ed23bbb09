import { HubConnectionState } from '@microsoft/signalr';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isPresenceEvent, type Plan, type PlanChange, type PlanEvent, type ResumeAnswer, type Viewer } from '../api/types';
import { invitationsKey, membersKey } from '../plans/queries';
import { isOwn } from './ownOperations';
import { useLive } from './LiveProvider';
import { catchUp, planKey, receiveChange, reloadPlan, setJoined } from './planSync';

export type PlanLiveStatus = 'live' | 'connecting' | 'offline';

export interface LivePlan {
  status: PlanLiveStatus;
  /** Who has the plan open now (this user included). */
  viewers: Viewer[];
  /** The plan was deleted while open. */
  deleted: boolean;
  /** The latest change someone else made, for a polite announcement. */
  lastRemoteChange: PlanChange | null;
}

/**
 * Live changes for one plan: joins it on the hub once the plan is loaded (Resume from the cached version, so
 * nothing between the load and the join is missed), applies each PlanEvent to the cache by version, tracks who
 * is here, and after a reconnect resumes from wherever the cache got to. The hub replays a bounded number of
 * changes; when more were missed it replays none and says reload, and the whole plan is fetched instead.
 */
export function useLivePlan(planId: number, loaded: boolean): LivePlan {
  const client = useQueryClient();
  const { connection, state } = useLive();
  const [joined, setJoinedState] = useState(false);
  const [refused, setRefused] = useState(false);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [deleted, setDeleted] = useState(false);
  const [lastRemoteChange, setLastRemoteChange] = useState<PlanChange | null>(null);

  useEffect(() => {
    if (!connection || state !== 'connected' || !loaded) return;
    let active = true;
    const onEvent = (event: PlanEvent) => {
      if (event.planId !== planId || !active) return;
      if (isPresenceEvent(event)) {
        setViewers(event.data.viewers);
        return;
      }
      if (event.type === 'plan.deleted') {
        setDeleted(true);
        return;
      }
      const applied = receiveChange(client, event);
      // Someone joined, left or changed role: the member list (and the owner's pending invitations) are stale.
      if (applied.some((change) => change.data.changes.some((row) => row.action.startsWith('member.')))) {
        void client.invalidateQueries({ queryKey: membersKey(planId) });
        void client.invalidateQueries({ queryKey: invitationsKey(planId) });
      }
      const theirs = applied.filter((change) => !isOwn(change.operationId));
      if (theirs.length > 0) setLastRemoteChange(theirs[theirs.length - 1]!);
    };
    connection.on('PlanEvent', onEvent);
    const since = client.getQueryData<Plan>(planKey(planId))?.version ?? 0;
    connection
      .invoke<ResumeAnswer>('Resume', planId, since)
      .then((answer) => {
        if (!active) return;
        setJoined(planId, true);
        setJoinedState(true);
        setRefused(false);
        if (answer.reload) {
          void reloadPlan(client, planId);
          return;
        }
        // The replay arrives before the answer; anything still missing is fetched.
        const version = client.getQueryData<Plan>(planKey(planId))?.version ?? 0;
        if (answer.version > version) void catchUp(client, planId);
      })
      .catch(() => {
        // The hub said no (the feature or the plan is not open to us now): the page works without live changes.
        if (active) setRefused(true);
      });

    return () => {
      active = false;
      connection.off('PlanEvent', onEvent);
      setJoined(planId, false);
      setJoinedState(false);
      if (connection.state === HubConnectionState.Connected) void connection.invoke('LeavePlan', planId).catch(() => {});
    };
  }, [client, connection, state, loaded, planId]);

  const status: PlanLiveStatus = joined ? 'live' : state === 'offline' || refused ? 'offline' : 'connecting';
  return { status, viewers: joined ? viewers : [], deleted, lastRemoteChange };
}
