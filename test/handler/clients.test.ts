/**
 * The clients a container keeps: the source's HTTP client (its headers, no retries of its own, sockets
 * never reused past the idle limit) and the Kinesis client (one attempt per call, HTTP/1.1 and local
 * credentials for a local endpoint), each judged by what reaches a local server.
 */
import { expect } from "chai";
import http from "http";
import type { AddressInfo, Socket } from "net";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { createHttpClient, createKinesisClient } from "../../handler/clients";
import { dropIdleSockets, idleLimitedAgents } from "../../handler/idle-agent";
import { VirtualClock, virtualClock } from "../helpers/virtual-clock";

interface Seen {
  headers: http.IncomingHttpHeaders;
  url: string;
  version: string;
}

/** A server that answers every request with `status`, recording each request and each new connection. */
async function server(status = 200) {
  const seen: Seen[] = [];
  let connections = 0;
  const s = http.createServer((req, res) => {
    seen.push({ headers: req.headers, url: req.url ?? "", version: req.httpVersion });
    res.writeHead(status, { "content-type": "application/json" }).end("{}");
  });
  s.on("connection", () => connections++);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))),
  };
}

describe("the source's HTTP client", () => {
  it("asks for JSON as punkapi-consumer, under the source URL, and retries nothing itself", async () => {
    const api = await server(503);
    try {
      const client = createHttpClient({ sourceUrl: `${api.url}/v3`, socketIdleMs: 4000 });
      const response = await client.get("beers/random", { throwHttpErrors: false });
      expect(response.statusCode).to.equal(503);
      expect(api.seen).to.have.length(1);
      expect(api.seen[0].url).to.equal("/v3/beers/random");
      expect(api.seen[0].headers).to.include({
        accept: "application/json",
        "user-agent": "punkapi-consumer",
      });
    } finally {
      await api.close();
    }
  });

  it("reuses a kept-alive connection within the idle limit, and opens a new one after it", async () => {
    const api = await server();
    try {
      // Idle time on a virtual clock: the limit is reached when the test says, not when the machine is slow.
      const clock = virtualClock();
      const client = createHttpClient({ sourceUrl: api.url, socketIdleMs: 150 }, clock);
      await client.get("a");
      clock.advance(149);
      await client.get("b");
      expect(api.connections()).to.equal(1);
      clock.advance(150);
      await client.get("c");
      expect(api.connections()).to.equal(2);
    } finally {
      await api.close();
    }
  });
});

const fakeSocket = () => {
  const socket = { destroyed: false, destroy: () => (socket.destroyed = true) };
  return socket;
};

/**
 * A fake socket the agent saw freed at the clock's time, put among its free sockets under `key`. Node's own
 * listener destroys a socket freed with no request options: only what follows counts, so the socket
 * starts undestroyed.
 */
function freedSocket(agent: http.Agent, key: string, clock: VirtualClock) {
  const socket = fakeSocket();
  const freedAt = clock.now();
  agent.emit("free", socket as unknown as Socket);
  socket.destroyed = false;
  (agent.freeSockets as Record<string, unknown[]>)[key] = [socket];
  return { socket, freedAt };
}

describe("idle sockets", () => {
  it("are dropped from the moment their idle time reaches the limit, counted from when they were freed", () => {
    const clock = virtualClock();
    const { http: agent } = idleLimitedAgents(1000, clock);
    const { socket: freed, freedAt } = freedSocket(agent, "host:80:", clock);
    const untracked = fakeSocket();
    (agent.freeSockets as Record<string, unknown[]>)["host:80:"].push(untracked);
    expect(dropIdleSockets(agent, freedAt + 999, 1000)).to.equal(0);
    expect(freed.destroyed).to.equal(false);
    // A socket never seen free counts as freed now: never dropped by this call.
    expect(dropIdleSockets(agent, clock.now() + 1000, 1000)).to.equal(1);
    expect(freed.destroyed).to.equal(true);
    expect(untracked.destroyed).to.equal(false);
  });

  it("are dropped at exactly the limit, not a millisecond before", () => {
    const clock = virtualClock();
    const { http: agent } = idleLimitedAgents(500, clock);
    const { socket, freedAt } = freedSocket(agent, "h:80:", clock);
    expect(dropIdleSockets(agent, freedAt + 499, 500)).to.equal(0);
    expect(dropIdleSockets(agent, freedAt + 500, 500)).to.equal(1);
    expect(socket.destroyed).to.equal(true);
  });
});

describe("the idle-limited agents", () => {
  it("keep connections alive and drop idle ones for HTTPS as for HTTP", () => {
    const clock = virtualClock();
    const agents = idleLimitedAgents(500, clock);
    for (const agent of [agents.http, agents.https]) {
      expect((agent as unknown as { keepAlive: boolean }).keepAlive).to.equal(true);
      const { freedAt } = freedSocket(agent, "h:443:", clock);
      expect(dropIdleSockets(agent, freedAt + 500, 500)).to.equal(1);
    }
  });
});

describe("the Kinesis client", () => {
  it("makes one attempt per call, over HTTP/1.1, signed with the local credentials by default", async () => {
    const kinesis = await server(500);
    try {
      const client = createKinesisClient({
        region: "eu-west-1",
        kinesisEndpoint: kinesis.url,
        credentials: undefined,
      });
      const error = await client.send(new ListStreamsCommand({})).catch((e: Error) => e);
      expect(error).to.be.instanceOf(Error);
      expect(kinesis.seen).to.have.length(1);
      expect(kinesis.seen[0].version).to.equal("1.1");
      expect(kinesis.seen[0].headers.authorization).to.match(/Credential=local\/\d{8}\/eu-west-1\/kinesis\//);
      client.destroy();
    } finally {
      await kinesis.close();
    }
  });

  it("signs with the credentials it is given, and for AWS keeps one attempt per call in the given region", async () => {
    const kinesis = await server(500);
    try {
      const client = createKinesisClient({
        region: "us-east-1",
        kinesisEndpoint: kinesis.url,
        credentials: { accessKeyId: "AKIAFUNCTIONROLE", secretAccessKey: "s" },
      });
      await client.send(new ListStreamsCommand({})).catch(() => undefined);
      expect(kinesis.seen[0].headers.authorization).to.match(/Credential=AKIAFUNCTIONROLE\//);
      client.destroy();
    } finally {
      await kinesis.close();
    }
    // For AWS, the credentials are the runtime's own (here from the environment), never fixed local ones.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = "AKIAFROMTHERUNTIME";
    process.env.AWS_SECRET_ACCESS_KEY = "s";
    const aws = createKinesisClient({
      region: "eu-central-1",
      kinesisEndpoint: undefined,
      credentials: undefined,
    });
    try {
      expect((await aws.config.credentials()).accessKeyId).to.equal("AKIAFROMTHERUNTIME");
    } finally {
      for (const [k, v] of [
        ["AWS_ACCESS_KEY_ID", saved.id],
        ["AWS_SECRET_ACCESS_KEY", saved.secret],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    expect(await aws.config.region()).to.equal("eu-central-1");
    expect(await aws.config.maxAttempts()).to.equal(1);
    expect(aws.config.endpoint).to.equal(undefined);
    aws.destroy();
  });
});
