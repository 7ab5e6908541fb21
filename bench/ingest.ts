/**
 * `npm run bench:ingest -- [--beers N] [--runs N] [--json]`: 200 beers (by default) from the stand-in (20 ms added latency) into kinesalite, side by side:
 *   (a) the original project's way: for each beer one GET (a new connection, as its requests.get() made),
 *       then one PutRecord, sequentially;
 *   (b) this handler: the concurrency of bench/ingest-settings.ts, PutRecords in chunks.
 * Prints both times, the speed-up, each side's Kinesis calls, and (b)'s distance from its floor
 * (ingest-settings.ts floorMs). Targets (issue 2): speedup ≥ 15, 1 Kinesis call, floor_ratio ≤ 1.5.
 * The measurement is bench/ingest-measure.ts, loaded once the options are good.
 */
import { CommandSpec, EXIT, parseCommand, runCommand } from "../local/commands/cli/command";
import { JSON_OUTPUT, wholeNumber } from "../local/commands/cli/options";
import { INGEST_BENCH } from "./ingest-settings";

const SPEC = {
  name: "npm run bench:ingest",
  summary: "the original project's ingestion and this handler, side by side, into kinesalite",
  options: {
    beers: { type: "string", value: "N", default: "200", help: "beers per run" },
    runs: {
      type: "string",
      value: "N",
      default: "3",
      help: `measured runs of the original way (the handler gets ${INGEST_BENCH.handlerRunsPerBaselineRun}x)`,
    },
    json: JSON_OUTPUT,
  },
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const beers = wholeNumber("beers", values.beers, 1, 10000);
  const runs = wholeNumber("runs", values.runs, 1, 100);
  // eslint-disable-next-line typescript/no-require-imports
  const { measureIngest } = require("./ingest-measure") as typeof import("./ingest-measure");
  const r = await measureIngest(beers, runs);
  if (values.json) {
    console.log(JSON.stringify(r));
    return EXIT.ok;
  }
  const { baseline, handler } = r;
  console.log(
    `${r.beers} beers, stand-in latency ${r.latencyMs} ms, kinesalite, both sides read back ${r.beers} records`,
  );
  console.log(
    `  (a) GET + PutRecord per beer, sequential: ${baseline.medianMs} ms, ${baseline.kinesisCalls} Kinesis calls, median of ${baseline.runs.length} runs`,
  );
  console.log(
    `  (b) handler, concurrency ${handler.concurrency}:          ${handler.medianMs} ms, ${handler.kinesisCalls} Kinesis call, median of ${handler.runs.length} runs`,
  );
  console.log(`      runs (ms): (a) ${baseline.runs.join(" ")}; (b) ${handler.runs.join(" ")}`);
  console.log(
    `  speed-up ${r.speedup.toFixed(1)}×; (b) floor ${r.floorMs} ms, ratio ${r.floorRatio.toFixed(2)}`,
  );
  console.log(
    `ingest: speedup=${r.speedup.toFixed(1)} baseline_ms=${baseline.medianMs} handler_ms=${handler.medianMs} ` +
      `kinesis_calls=${handler.kinesisCalls} floor_ratio=${r.floorRatio.toFixed(2)}`,
  );
  return EXIT.ok;
});
