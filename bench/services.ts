/**
 * The benchmark's remote side, in a process of its own as the real services would be: the Punk API
 * stand-in and kinesalite. Sends their addresses to the parent over IPC, then serves until killed.
 */
import { startPunkApi } from "../local/stand-ins/punkapi/server";
import { startKinesalite } from "../local/stand-ins/services/kinesis";
import { removeTempDir, tempDir } from "../local/support/temp-dirs";

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 0);
  // The public API's 3600 requests per hour would stop the run (the handler honours it): lift it here.
  // The v2 contract, as the original project read it (both sides of the benchmark parse the same bodies).
  const api = await startPunkApi({ contract: "v2", latencyMs, rateLimit: 1_000_000 });
  // LevelDB on disk: kinesalite's in-memory store is the slower of its two for a 200-record PutRecords.
  const store = tempDir("punkapi-bench-kinesis-");
  const kinesis = await startKinesalite({ region: "us-east-1", path: store });
  process.send?.({ sourceUrl: api.url, kinesisEndpoint: kinesis.endpoint });
  process.on("disconnect", async () => {
    await api.close();
    await kinesis.close();
    removeTempDir(store);
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
