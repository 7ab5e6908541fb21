/**
 * The local AWS endpoints with IAM in front: an HTTP proxy per service (Kinesis to kinesalite, S3 to
 * s3rver) that reads who signed each request (its access key is a role's local credentials), which action
 * on which resource it needs (requests.ts), asks LocalIam, and answers a denial as AWS does - Kinesis's
 * AccessDeniedException (400, JSON), S3's AccessDenied (403, XML) - or forwards the request untouched.
 */
import http from "http";
import type { AddressInfo } from "net";
import type { AwsEnv } from "../../../model/names";
import type { LocalIam } from "./local-iam";
import { accessKeyOf, kinesisAuthorization, s3Authorization } from "./requests";
import { keepIdleConnections } from "../services/idle-connections";

export interface Gateway {
  endpoint: string;
  close(): Promise<void>;
}

type Judge = (
  req: http.IncomingMessage,
  body: Buffer,
  role: string | undefined,
) => { action: string; resource: string };

async function startGateway(
  target: string,
  iam: LocalIam,
  judge: Judge,
  deny: (res: http.ServerResponse, code: "AccessDenied" | "InvalidToken", message: string) => void,
  onResponse?: (req: http.IncomingMessage, requestBody: Buffer, responseBody: Buffer) => void,
): Promise<Gateway> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const role = iam.roleOfKey(accessKeyOf(req.headers.authorization));
      if (!role) return deny(res, "InvalidToken", "The security token included in the request is invalid.");
      let message: string | undefined;
      try {
        const { action, resource } = judge(req, body, role);
        message = await iam.authorize(role, action, resource);
      } catch (error) {
        message = `not authorized: ${(error as Error).message}`;
      }
      if (message) return deny(res, "AccessDenied", message);
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (upstreamRes) => {
          const answer: Buffer[] = [];
          upstreamRes.on("data", (c: Buffer) => answer.push(c));
          upstreamRes.on("end", () => {
            const text = Buffer.concat(answer);
            onResponse?.(req, body, text);
            res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
            res.end(text);
          });
        },
      );
      out.on("error", (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      out.end(body);
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startKinesisGateway(target: string, iam: LocalIam, env: AwsEnv): Promise<Gateway> {
  // GetRecords names an iterator; the stream is the one it was issued for.
  const iterators = new Map<string, string>();
  const parse = (body: Buffer) =>
    body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
  return startGateway(
    target,
    iam,
    (req, body) => {
      const request = parse(body) as { StreamName?: string; StreamARN?: string; ShardIterator?: string };
      const stream = request.ShardIterator ? iterators.get(request.ShardIterator) : undefined;
      return kinesisAuthorization(String(req.headers["x-amz-target"] ?? ""), request, env, stream);
    },
    (res, code, message) => {
      const type = code === "AccessDenied" ? "AccessDeniedException" : "UnrecognizedClientException";
      res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": type });
      res.end(JSON.stringify({ __type: type, message }));
    },
    (req, requestBody, responseBody) => {
      const operation = String(req.headers["x-amz-target"] ?? "");
      if (!/\.(GetShardIterator|GetRecords)$/.test(operation)) return;
      try {
        const request = parse(requestBody) as {
          StreamName?: string;
          StreamARN?: string;
          ShardIterator?: string;
        };
        const answer = parse(responseBody) as { ShardIterator?: string; NextShardIterator?: string };
        const stream =
          request.StreamName ??
          request.StreamARN ??
          (request.ShardIterator && iterators.get(request.ShardIterator));
        const next = answer.ShardIterator ?? answer.NextShardIterator;
        // Kept, not consumed: two readers of a shard can be handed the same iterator. Bounded all the same.
        if (stream && next) iterators.set(next, stream);
        if (iterators.size > 100_000) iterators.delete(iterators.keys().next().value!);
      } catch {
        // an error answer: no iterator to remember
      }
    },
  );
}

export function startS3Gateway(target: string, iam: LocalIam, env: AwsEnv): Promise<Gateway> {
  return startGateway(
    target,
    iam,
    (req) =>
      s3Authorization(
        req.method ?? "GET",
        req.url ?? "/",
        env.partition,
        req.headers["x-amz-copy-source"] as string | undefined,
      ),
    (res, code, message) => {
      const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      res.writeHead(403, { "content-type": "application/xml" });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code === "AccessDenied" ? "AccessDenied" : "InvalidToken"}</Code><Message>${escape(message)}</Message></Error>`,
      );
    },
  );
}
