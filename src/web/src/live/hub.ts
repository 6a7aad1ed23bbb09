import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection, type IRetryPolicy } from '@microsoft/signalr';

export const HUB_PATH = '/hubs/plans';

/** Reconnect for as long as the page is open: quickly at first, then every 10 s. */
const keepTrying: IRetryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) => [0, 1000, 2000, 5000][previousRetryCount] ?? 10_000,
};

/**
 * The one connection to /hubs/plans. WebSockets only, no negotiation, so any node can take it without sticky
 * sessions; the auth cookie rides along with the upgrade request.
 */
export function createHub(): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(HUB_PATH, { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .withAutomaticReconnect(keepTrying)
    .configureLogging(LogLevel.Warning)
    .build();
}
