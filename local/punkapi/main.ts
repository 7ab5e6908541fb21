/**
 * `npm run punkapi -- [--contract v2|v3] [--port N] [--latency MS] [--faults 5xx:3,hang:1] [--rate-limit N]`
 * Starts the local Punk API alone and prints its URL; Ctrl-C stops it.
 */
import { parseArgs } from "util";
import { parseFaultList } from "./faults";
import { startPunkApi } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      contract: { type: "string", default: "v2" },
      port: { type: "string", default: "0" },
      latency: { type: "string", default: "0" },
      faults: { type: "string", default: "" },
      "rate-limit": { type: "string", default: "3600" },
    },
  });
  const contract = values.contract;
  if (contract !== "v2" && contract !== "v3")
    throw new Error(`--contract must be v2 or v3, got "${contract}"`);
  const number = (name: string, raw: string) => {
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const api = await startPunkApi({
    contract,
    port: number("port", values.port),
    latencyMs: number("latency", values.latency),
    rateLimit: number("rate-limit", values["rate-limit"]),
    faults: parseFaultList(values.faults),
  });
  console.log(`Punk API stand-in (${contract}, real punkapi-db catalogue) listening at ${api.url}`);
  console.log(`  try: curl ${api.url}/beers/random`);
  const stop = async () => {
    await api.close();
    console.log(`stopped after ${api.stats.requests} requests`);
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: Error) => {
  console.error(`punkapi: ${error.message}`);
  process.exit(2);
});
