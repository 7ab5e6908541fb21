/**
 * `npm run punkapi -- [options]`: the local Punk API stand-in alone, printing its URL; Ctrl-C stops it.
 */
import { CommandSpec, EXIT, parseCommand, runCommand, UsageError } from "./cli/command";
import { oneOf, wholeNumber } from "./cli/options";
import { parseFaultList } from "../stand-ins/punkapi/faults";
import { CONTRACTS } from "../../handler/contract";
import { STAND_IN_DEFAULTS } from "../stand-ins/punkapi/defaults";
import { parseExtraField } from "../stand-ins/punkapi/extra-fields";

const SPEC = {
  name: "npm run punkapi",
  summary: "serves the Punk API stand-in on 127.0.0.1 until Ctrl-C",
  options: {
    contract: {
      type: "string",
      value: CONTRACTS.join("|"),
      default: STAND_IN_DEFAULTS.contract,
      help: "the API's contract and wire format",
    },
    port: { type: "string", value: "N", default: "0", help: "the port (0: any free one)" },
    latency: { type: "string", value: "MS", default: "0", help: "added to every response" },
    faults: { type: "string", value: "LIST", default: "", help: "faults to inject first, e.g. 5xx:3,hang:1" },
    "rate-limit": {
      type: "string",
      value: "N",
      default: String(STAND_IN_DEFAULTS.rateLimit),
      help: "v2 requests per hour before 429",
    },
    "add-field": {
      type: "string",
      multiple: true,
      value: "NAME=JSON",
      help: "a field added to every beer served (schema drift), e.g. country='\"Scotland\"'; repeatable",
    },
  },
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const contract = oneOf("contract", values.contract, CONTRACTS);
  let faults;
  try {
    faults = parseFaultList(values.faults);
  } catch (error) {
    throw new UsageError(`--faults: ${(error as Error).message}`);
  }
  const extraFields: Record<string, unknown> = {};
  for (const field of values["add-field"] ?? []) {
    try {
      const [name, value] = parseExtraField(field);
      extraFields[name] = value;
    } catch (error) {
      throw new UsageError(`--add-field: ${(error as Error).message}`);
    }
  }
  // The server (and the catalogue it loads) only once the options are good: `--help` and a bad option
  // answer at once.
  type Server = typeof import("../stand-ins/punkapi/server");
  // eslint-disable-next-line typescript/no-require-imports
  const { extraFieldClashes, startPunkApi } = require("../stand-ins/punkapi/server") as Server;
  const taken = extraFieldClashes(contract, extraFields);
  if (taken) throw new UsageError(`--add-field: ${taken}`);
  const api = await startPunkApi({
    contract,
    port: wholeNumber("port", values.port, 0, 65535),
    latencyMs: wholeNumber("latency", values.latency, 0, 600_000),
    rateLimit: wholeNumber("rate-limit", values["rate-limit"], 1, 1_000_000_000),
    faults,
    extraFields,
  });
  console.log(`Punk API stand-in (${contract}: ${api.catalogue}) listening at ${api.url}`);
  console.log(`  try: curl ${api.url}/beers/random`);
  if (Object.keys(extraFields).length)
    console.log(`  every beer served carries ${Object.keys(extraFields).join(", ")} (--add-field)`);
  let interrupted = false;
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => {
      interrupted = true;
      resolve();
    });
    process.once("SIGTERM", resolve);
  });
  await api.close();
  console.log(`stopped after ${api.stats.requests} requests`);
  return interrupted ? EXIT.interrupted : EXIT.ok;
});
