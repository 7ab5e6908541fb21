/**
 * The local AWS stand-ins keep an idle keep-alive connection past Node's 5 s default
 * (local/stand-ins/services/idle-connections.ts): a client that reuses a connection after a pause must not
 * find it being closed under it, which on a loaded machine fails the request with `read ECONNRESET`.
 * The pause is real time (the servers' timers are Node's own): 7 s idle (Node 20 closes at 5 s and a second of grace), then the same socket must serve.
 */
import { expect } from "chai";
import http from "http";
import os from "os";
import path from "path";
import fs from "fs";
import { startKinesalite } from "../../local/stand-ins/services/kinesis";
import { startS3rver } from "../../local/stand-ins/services/s3";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends a request on the agent; answers whether it went over a socket used before. */
function request(endpoint: string, agent: http.Agent): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}/`, { agent, method: "GET" }, (res) => {
      res.resume();
      res.on("end", () => resolve(req.reusedSocket));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the local AWS stand-ins' idle connections", function () {
  this.timeout(20_000);

  it("serve a kept-alive connection again after 7 s idle, where Node's default would have closed it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-idle-"));
    const kinesis = await startKinesalite({ region: "us-east-1" });
    const s3 = await startS3rver(dir, "us-east-1");
    try {
      const reused = await Promise.all(
        [kinesis.endpoint, s3.endpoint].map(async (endpoint) => {
          const agent = new http.Agent({ keepAlive: true });
          const first = await request(endpoint, agent);
          await sleep(7000);
          const second = await request(endpoint, agent);
          agent.destroy();
          return [first, second];
        }),
      );
      expect(reused).to.deep.equal([
        [false, true],
        [false, true],
      ]);
    } finally {
      await kinesis.close();
      await s3.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
