/**
 * The benchmark's remote side, in a process of its own as the real services would be: the Punk API
 * stand-in and kinesalite. Sends their addresses to the parent over IPC, then serves until killed.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { startPunkApi } from "../local/punkapi/server";
import { startKinesalite } from "../local/services/kinesis";

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 0);
  // The public API's 3600 requests per hour would stop the run (the handler honours it): lift it here.
  const api = await startPunkApi({ latencyMs, rateLimit: 1_000_000 });
  // LevelDB on disk: kinesalite's in-memory store is the slower of its two for a 200-record PutRecords.
  const kinesis = await startKinesalite(fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-bench-kinesis-")));
  process.send?.({ sourceUrl: api.url, kinesisEndpoint: kinesis.endpoint });
  process.on("disconnect", async () => {
    await api.close();
    await kinesis.close();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
