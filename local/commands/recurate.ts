/**
 * `npm run recurate -- --from DAY --to DAY [options]`: rebuilds the curated zone of a range of days from the
 * raw zone (local/operations/recurate.ts), after a schema change or to repair it. Locally it works on a
 * copy of the stack's current run, which replaces the current run only when every raw record of the range
 * was rebuilt; with `--aws`, on the deployed stack's bucket with the caller's credentials. Exit 0 done,
 * 1 when records could not be rebuilt (named; locally, the current run is then untouched), 2 bad options.
 */
import fs from "fs";
import path from "path";
import { CommandSpec, EXIT, parseCommand, Refusal, runCommand } from "./cli/command";
import { JSON_OUTPUT, STACK, WORK_DIR } from "./cli/options";
import { dayRange } from "./cli/dates";
import { chosenStack, copyOfRun, currentRunOf, runLake } from "./cli/runs";
import { lockWorkDir, promote } from "./cli/work-dir";
import { readRunConfig } from "../runner/run-config";
import type { RecurateReport } from "../operations/recurate";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const SPEC = {
  name: "npm run recurate",
  summary: "rebuilds the curated zone of a range of days from the raw zone (after a schema change)",
  options: {
    from: { type: "string", value: "DAY", help: "the first day, yyyy-MM-dd (UTC, by arrival)" },
    to: { type: "string", value: "DAY", help: "the last day, yyyy-MM-dd, included" },
    stack: { ...STACK, help: "the stack (default: the last one that ran well locally)" },
    "work-dir": WORK_DIR,
    aws: { type: "boolean", default: false, help: "the deployed stack, with your AWS credentials" },
    json: JSON_OUTPUT,
  },
} satisfies CommandSpec;

function describe(report: RecurateReport, where: string): string {
  const lines = [
    `re-curated ${where}, ${report.from} to ${report.to}:`,
    `  raw       ${report.rawRecords} records in ${report.rawObjects} objects over ${report.days.length} days${report.days.length ? ` (${report.days.join(", ")})` : ""}`,
    `  curated   ${report.rowsRebuilt} rows in ${report.curatedObjects} objects written; ${report.replacedObjects} earlier objects replaced`,
  ];
  for (const r of report.refused) lines.push(`  refused   ${r.key}: ${r.reason}`);
  return lines.join("\n");
}

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const range = dayRange(values.from, values.to);
  /* eslint-disable typescript/no-require-imports */
  const { recurate } = require("../operations/recurate") as typeof import("../operations/recurate");
  const { ParquetEncoder } =
    require("../stand-ins/firehose/parquet") as typeof import("../stand-ins/firehose/parquet");
  /* eslint-enable typescript/no-require-imports */
  let report: RecurateReport;
  let where: string;
  if (values.aws) {
    if (!values.stack) throw new Refusal("--aws needs --stack: which deployed stack to re-curate");
    const { files, config, lake } = readRunConfig(process.cwd(), values.stack);
    /* eslint-disable typescript/no-require-imports */
    const { awsStack } = require("../aws/stack") as typeof import("../aws/stack");
    const { S3Client } = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
    /* eslint-enable typescript/no-require-imports */
    const stack = await awsStack(files.project, values.stack, config.region);
    const s3 = new S3Client({ region: config.region });
    const encoder = new ParquetEncoder(lake.curated.table.columns);
    try {
      report = await recurate({
        s3,
        bucket: stack.bucket,
        lake,
        curatedStream: stack.names.curatedDeliveryStream,
        ...range,
        encoder,
      });
    } finally {
      encoder.close();
      s3.destroy();
    }
    where = `s3://${stack.bucket}`;
  } else {
    const workDir = path.resolve(values["work-dir"]);
    const stack = chosenStack(workDir, values.stack);
    const current = currentRunOf(workDir, stack);
    const release = lockWorkDir(workDir, `npm run recurate --stack ${stack}`);
    process.on("exit", release);
    const folder = copyOfRun(workDir, stack, current);
    const { summary, lake } = runLake(folder);
    /* eslint-disable typescript/no-require-imports */
    const { startS3rver } = require("../stand-ins/services/s3") as typeof import("../stand-ins/services/s3");
    const { modelOf } = require("../stand-ins/lake/layout") as typeof import("../stand-ins/lake/layout");
    /* eslint-enable typescript/no-require-imports */
    const model = modelOf(lake);
    const s3 = await startS3rver(lake.directory, "us-east-1");
    const encoder = new ParquetEncoder(model.curated.table.columns);
    try {
      report = await recurate({
        s3: s3.client,
        bucket: lake.bucket,
        lake: model,
        curatedStream: summary.curated?.deliveryStream ?? "",
        ...range,
        encoder,
      });
    } catch (error) {
      fs.rmSync(folder, { recursive: true, force: true });
      throw error;
    } finally {
      encoder.close();
      await s3.close();
    }
    where = `stack "${stack}" (${path.relative(process.cwd(), current) || "."})`;
    if (report.refused.length) fs.rmSync(folder, { recursive: true, force: true });
    else promote(workDir, stack, folder);
    release();
  }
  if (values.json) console.log(JSON.stringify(report));
  else console.log(describe(report, where));
  if (report.refused.length) {
    console.error(
      `${report.refused.length} raw records cannot be held by the curated table's types${values.aws ? "" : ": the current run is unchanged"}`,
    );
    return EXIT.failed;
  }
  return EXIT.ok;
});
