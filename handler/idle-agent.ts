/**
 * Keep-alive agents that never reuse a connection idle for longer than a limit. A server closes an idle
 * connection after its own timeout (5 s for both Punk APIs, neither announcing it), and a request written
 * on a socket the server has just closed fails with ECONNRESET. Node's agent closes idle sockets only on a
 * timer, and timers do not run while Lambda freezes the container between invocations: so each request
 * first drops, by their timestamps, the free sockets idle for too long.
 */
import http from "http";
import https from "https";
import type { Socket } from "net";
import { Clock, systemClock } from "./clock";

const LAST_USED = Symbol("lastUsed");
type Tracked = Socket & { [LAST_USED]?: number };

/** Destroys the agent's free sockets idle since before `now - maxIdleMs`; returns how many. */
export function dropIdleSockets(agent: http.Agent, now: number, maxIdleMs: number): number {
  let dropped = 0;
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of (sockets ?? []) as Tracked[]) {
      if (now - (socket[LAST_USED] ?? now) >= maxIdleMs) {
        socket.destroy();
        dropped++;
      }
    }
  }
  return dropped;
}

function idleLimited<A extends http.Agent>(agent: A, maxIdleMs: number, clock: Pick<Clock, "now">): A {
  // A socket becomes free when its response has been read: that is when its idle time starts.
  agent.on("free", (socket: Tracked) => {
    socket[LAST_USED] = clock.now();
  });
  const addRequest = (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest;
  (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest = function (...args) {
    dropIdleSockets(agent, clock.now(), maxIdleMs);
    return addRequest.apply(agent, args);
  };
  return agent;
}

export function idleLimitedAgents(
  maxIdleMs: number,
  clock: Pick<Clock, "now"> = systemClock,
): { http: http.Agent; https: https.Agent } {
  return {
    http: idleLimited(new http.Agent({ keepAlive: true }), maxIdleMs, clock),
    https: idleLimited(new https.Agent({ keepAlive: true }), maxIdleMs, clock),
  };
}
