/**
 * How long the local stand-ins for AWS keep an idle keep-alive connection open: longer than any pause of a
 * run or a test. With Node's default of 5 s a server closes a connection its client may be writing on at
 * that moment, and on a loaded machine (the client seeing the close late) the request fails with
 * `read ECONNRESET`: clients of the local services make one attempt per call, as the function does.
 * AWS's own endpoints do not close an idle connection after 5 s either. (The Punk API stand-in keeps the
 * real API's 5 s on purpose: the function must cope with that one.)
 */
import type { Server } from "http";

export const IDLE_CONNECTION_MS = 120_000;

export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // A request's headers must be allowed at least as long as the connection may wait for them.
  server.headersTimeout = IDLE_CONNECTION_MS + 1000;
}
