/**
 * An HTTP proxy in front of kinesalite that makes PutRecords fail the way Kinesis does under load:
 * a chosen share of entries comes back with ProvisionedThroughputExceededException (those entries are
 * taken out of the request before it is forwarded, so they are really not written), or every call fails.
 */
import http from "http";
import type { AddressInfo } from "net";

export interface FaultProxyOptions {
  target: string;
  /** Share of PutRecords entries to fail, 0..1, chosen by a seeded generator. */
  failShare?: number;
  /** What a failed entry says: ProvisionedThroughputExceededException with its message by default. */
  entryError?: { code: string; message?: string };
  /** Fail every PutRecords call as a whole with this HTTP status and error type (after `afterCalls` good ones). */
  failEveryCall?: { status: number; type: string; afterCalls?: number };
  /** Never answer a PutRecords call (a hanging connection). */
  hang?: boolean;
  seed?: number;
}

export interface FaultProxy {
  endpoint: string;
  stats: { putRecordsCalls: number; failedEntries: number; forwardedEntries: number };
  close(): Promise<void>;
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function forward(
  target: URL,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, "content-length": String(body.length) };
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

type PutEntry = { Data: string; PartitionKey: string };
type PutResult = { SequenceNumber?: string; ShardId?: string; ErrorCode?: string; ErrorMessage?: string };

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seeded(options.seed ?? 42);
  const stats = { putRecordsCalls: 0, failedEntries: 0, forwardedEntries: 0 };
  const { code, message } = options.entryError ?? {
    code: "ProvisionedThroughputExceededException",
    message: "Rate exceeded for shard shardId-000000000000 in stream (injected by the test proxy)",
  };
  // Kinesis leaves ErrorMessage out of a failed entry that has none.
  const entryError: PutResult =
    message === undefined ? { ErrorCode: code } : { ErrorCode: code, ErrorMessage: message };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const isPut = String(req.headers["x-amz-target"] ?? "").endsWith(".PutRecords");
      try {
        if (!isPut) {
          const r = await forward(target, req, body);
          res.writeHead(r.status, r.headers);
          return res.end(r.body);
        }
        stats.putRecordsCalls++;
        const json = { "content-type": "application/x-amz-json-1.1" };
        if (options.hang) return;
        if (options.failEveryCall && stats.putRecordsCalls > (options.failEveryCall.afterCalls ?? 0)) {
          const { status, type } = options.failEveryCall;
          res.writeHead(status, json);
          return res.end(JSON.stringify({ __type: type, message: "injected by the test proxy" }));
        }
        const request = JSON.parse(body.toString("utf8")) as { Records: PutEntry[] };
        const fail = request.Records.map(() => random() < (options.failShare ?? 0));
        const kept = request.Records.filter((_, i) => !fail[i]);
        let keptResults: PutResult[] = [];
        if (kept.length) {
          const r = await forward(target, req, Buffer.from(JSON.stringify({ ...request, Records: kept })));
          if (r.status !== 200) {
            res.writeHead(r.status, r.headers);
            return res.end(r.body);
          }
          keptResults = (JSON.parse(r.body.toString("utf8")) as { Records: PutResult[] }).Records;
        }
        stats.forwardedEntries += kept.length;
        let k = 0;
        const results: PutResult[] = fail.map((failed) => {
          if (!failed) return keptResults[k++];
          stats.failedEntries++;
          return entryError;
        });
        const failedCount = results.filter((r) => r.ErrorCode).length;
        res.writeHead(200, json);
        return res.end(JSON.stringify({ FailedRecordCount: failedCount, Records: results }));
      } catch (error) {
        res.writeHead(500, json500);
        return res.end(JSON.stringify({ __type: "InternalFailure", message: String(error) }));
      }
    });
  });
  const json500 = { "content-type": "application/x-amz-json-1.1" };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
