/**
 * Every figure in README.md and docs/ is what the code works out: each claim below is a phrase of a page
 * built from the code, the configuration or a published figure, and the page must say it word for word
 * (wrapped anywhere). Then no other number may stand in those pages' prose: what is left once the checked
 * claims are taken out must be a name (S3, v2, 5xx), a version, a date in history or a list's numbering.
 * Not read here: docs/configuration.md (written by `npm run docs`, held to the spec by test/docs.test.ts)
 * and docs/testing.md (measured timings and mutation scores, said as measured there).
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { estimate } from "../../cost/estimate";
import { USAGE } from "../../cost/usage";
import PRICES from "../../cost/prices-us-east-1.json";
import { parseStackConfig, StackConfig } from "../../config/stack-config";
import { CONFIG_SPEC } from "../../config/spec";
import { METRICS } from "../../handler/metrics";
import { SETTINGS } from "../../handler/settings";
import { LIMITS } from "../../handler/batch";
import { PAGE_SIZE } from "../../handler/contract";
import { EXIT } from "../../local/commands/cli/command";
import { LONG_WAIT_MS } from "../../local/runner/realisers/schedule";
import { DEFAULT_MAX_CONTAINERS, SLOW_ATTEMPT_MS } from "../../local/stand-ins/lambda/local-function";
import { CONVERSION_MIN_BUFFER_MB } from "../../components/delivery/delivery-to-s3";
import { catalogueRequests, expectedRandomRequests } from "../../bench/catalogue-math";
import { floorMs, INGEST_BENCH } from "../../bench/ingest-settings";
import type { ProgramRun } from "../../local/harness/run-program";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";
import { docFiles, flat } from "../helpers/markdown";
import { ofType, ROOT, runStack, stackConfig } from "../helpers/program";

/** Published: a shard takes up to 1,000 records/s and 1 MiB/s of writes (Kinesis Data Streams quotas). */
const SHARD_WRITE = { recordsPerSecond: 1000, bytesPerSecond: 1024 * 1024 };

/** What is left of a page's prose that is not a figure: names, versions, history, numbering. */
const NOT_FIGURES: [RegExp, string][] = [
  [/\b[A-Za-z]+\d+[A-Za-z\d]*\b|\b\d+[A-Za-z]+[A-Za-z\d]*\b/g, "a name with digits in it: S3, v2, x86, 5xx"],
  [/\b\d+(\.\d+){2,}\b/g, "a version or an address: 2.6.0, 127.0.0.1"],
  [/HTTP\/1\.1/g, "a protocol"],
  [/\b(May )?20[12]\d\b/g, "a year in the Punk API's history"],
  [/\bsteps? \d( and \d)?\b/g, "a step of the list it is in"],
  [/\b(429|404)\b|status 200/g, "an HTTP status (a fault's name, what a fault answers)"],
  [/`none:2,reset` serves two|page 3: …|LIMIT 5/g, "an example of an option, a message, a query"],
  [/those two actions/g, "the two things its sentence names"],
  [/`--[\w-]+` \(default [^)]*\)/g, "an option's default: test/docs/claims.test.ts holds it to --help"],
];

/** Numbers said in words count as figures too (not "one": it is mostly an article). */
const NUMBER_WORDS =
  /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|millionth|million|billion|dozen|half|twice)\b/gi;
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const inWords = (n: number) => WORDS[n] ?? String(n);

/** A numbered list's numbers, taken out before the lines are joined. */
const LIST_NUMBER = /^\s*\d+\. /gm;

const money = (usd: number) => `$${usd.toFixed(2)}`;
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

interface Claim {
  file: string;
  says: string;
}

describe("the figures in the documentation", function () {
  this.timeout(120_000);
  const claims: Claim[] = [];
  const claim = (file: string, ...says: string[]) => claims.push(...says.map((s) => ({ file, says: s })));
  let runs: Record<"test" | "prod", ProgramRun>;
  let configs: Record<"test" | "prod", StackConfig>;

  before(async () => {
    runs = { test: await runStack("test"), prod: await runStack("prod") };
    configs = {
      test: parseStackConfig(stackConfig("test"), "test"),
      prod: parseStackConfig(stackConfig("prod"), "prod"),
    };

    // README: what it costs (cost/estimate.ts, as npm run plan prints it).
    const costs = (stack: "test" | "prod", config = configs[stack]) => {
      const e = estimate(config, runs[stack].resources);
      const line = (item: string) => e.lines.find((l) => l.item.startsWith(item))!.usd;
      const service = (s: string) => e.lines.filter((l) => l.service === s).reduce((n, l) => n + l.usd, 0);
      return { total: e.totalUsd, line, service };
    };
    const test = costs("test");
    const prod = costs("prod");
    const onDemand = costs("prod", { ...configs.prod, streamMode: "ON_DEMAND" });
    const prodRecordsPerSecond =
      configs.prod.beersPerInvocation /
      (configs.prod.scheduleExpression.kind === "rate"
        ? configs.prod.scheduleExpression.periodMs / 1000
        : NaN);
    claim(
      "README.md",
      `**$${Math.round(test.total)} a month for \`test\`** and **$${Math.round(prod.total)} for \`prod\`** in ${PRICES.region}`,
      `one provisioned shard (${money(prod.line(`${configs.prod.streamShardCount} shard(s)`))})`,
      `as prod's ${configs.prod.beersPerInvocation} beers every ${configs.prod.scheduleExpression.expression.replace(/^rate\((.*)\)$/, "$1")} use ` +
        `1/${thousands(Math.round(SHARD_WRITE.recordsPerSecond / prodRecordsPerSecond / 1000) * 1000)} of a shard's ` +
        `${thousands(SHARD_WRITE.recordsPerSecond)} records/s (1/${thousands(Math.round(SHARD_WRITE.bytesPerSecond / (prodRecordsPerSecond * USAGE.recordBytes) / 1000) * 1000)} of its 1 MiB/s)`,
      `an on-demand stream would cost ${money(onDemand.line("on-demand stream"))} before any data`,
      `retention (${money(prod.line("retention to"))})`,
      `the dashboard (${money(prod.line("dashboards"))})`,
      `the function's ${Object.keys(METRICS).length} metrics (${money(prod.line("the function's metrics"))})`,
      `the alarms (${money(prod.line("alarm metrics"))})`,
      `the alarm key (${money(prod.line("customer managed keys"))})`,
    );
    // Both stacks have one shard, priced alike; "a week" of retention is prod's.
    expect(test.line("1 shard(s)")).to.equal(prod.line("1 shard(s)"));
    expect(configs.prod.streamRetentionHours).to.equal(7 * 24);
    // "Lambda, Firehose and S3 come to cents".
    for (const c of [test, prod])
      for (const s of ["Lambda", "Firehose", "S3"]) expect(c.service(s), s).to.be.below(1);

    // README and docs/deploy.md: what runs it.
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).engines
      .node as string;
    const runtime = ofType(runs.test, "aws:lambda/function:Function")[0].inputs.runtime as string;
    const lambdaNode = /^nodejs(\d+)\.x$/.exec(runtime)![1];
    claim("README.md", `Node.js ${engines.replace(">=", "")} or later (${lambdaNode} is Lambda's)`);
    claim("docs/deploy.md", `Node.js ${engines.replace(">=", "")} or later`);
    claim("docs/local-run.md", `run on Node ${lambdaNode}`);
    // The stand-in's catalogues, counted from the data it serves; the cost model's counts are the same.
    const served = { v2: allBeers().length, v3: v3Catalogue().length };
    expect(USAGE.catalogueBeers, "cost/usage.ts's catalogue sizes").to.deep.equal(served);
    claim("docs/local-run.md", `v2's ${served.v2} beers`, `v3's ${served.v3} vendored`);
    claim(
      "README.md",
      `the function's own archive on Node ${lambdaNode}`,
      `the function's Node ${lambdaNode} among them`,
    );

    // README: exit codes, settings, troubleshooting.
    claim(
      "README.md",
      `exit codes: ${EXIT.ok} done, ${EXIT.failed} failed, ${EXIT.usage} bad option or configuration (named), ${EXIT.interrupted} Ctrl-C`,
      `**\`npm start\` exits ${EXIT.usage}: \``,
      `**\`npm start\` exits ${EXIT.usage} naming \`scheduleExpression\`.**`,
      `\`--config scheduleExpression="${CONFIG_SPEC.scheduleExpression.default}"\``,
      `\`scheduleExpression\` (default \`${CONFIG_SPEC.scheduleExpression.default}\`)`,
      `\`beersPerInvocation\` (\`${CONFIG_SPEC.beersPerInvocation.default}\`; prod \`${configs.prod.beersPerInvocation}\`)`,
      `\`ingestMode\` (\`${CONFIG_SPEC.ingestMode.default}\`)`,
      `(${catalogueRequests(USAGE.catalogueBeers.v2)}–${catalogueRequests(USAGE.catalogueBeers.v3)} requests)`,
      `\`sourceUrl\` (\`${CONFIG_SPEC.sourceUrl.default}\`)`,
      `\`rawPrefix\` (\`${CONFIG_SPEC.rawPrefix.default}\`)`,
    );
    claim("docs/local-run.md", `\`--config scheduleExpression="${CONFIG_SPEC.scheduleExpression.default}"\``);

    // How many of a thing the program declares.
    const deliveries = ofType(runs.test, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").length;
    claim("README.md", `${inWords(deliveries)} Firehose delivery streams`);
    const blocks = ofType(runs.test, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0].inputs;
    const blocked = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
    for (const k of blocked) expect(blocks[k], k).to.equal(true);
    claim("docs/architecture.md", `all ${inWords(blocked.length)} public-access blocks`);
    claim(
      "docs/deploy.md",
      `a role other than its stack's ${inWords(ofType(runs.test, "aws:iam/role:Role").length)}`,
    );

    // docs/architecture.md.
    const components = runs.test.resources.filter((r) => !r.custom && r.parent === undefined);
    // eslint-disable-next-line typescript/no-require-imports
    const v2 = require("punkapi-db") as { ph: number | null; target_og: number | null; ibu: number | null }[];
    const has = (field: "ph" | "target_og", value: number) => v2.some((b) => b[field] === value);
    expect(has("ph", 79) && has("target_og", 1041.7), "the v2 catalogue's examples").to.equal(true);
    claim(
      "docs/architecture.md",
      `composes these ${components.length} components`,
      `(v2 has ph 79, target_og 1041.7, ${v2.filter((b) => b.ibu === null).length} null ibu)`,
    );
    claim("docs/handler.md", "ph 79 is a beer");
    claim(
      "docs/architecture.md",
      `(${configs.test.athenaBytesScannedCutoffMb} MB on \`test\`, ${configs.prod.athenaBytesScannedCutoffMb} MB on \`prod\`)`,
      `${CONVERSION_MIN_BUFFER_MB} MiB buffer when it converts formats`,
    );

    // docs/handler.md.
    const rejected = ofType(runs.test, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) =>
      (a.inputs.metricQueries ?? []).some((q: { id: string }) => q.id === "rejected"),
    )!;
    const rejectedMinutes =
      rejected.inputs.metricQueries.find((q: { id: string }) => q.id === "rejected").metric.period / 60;
    const mib = (bytes: number) => bytes / 1024 / 1024;
    claim(
      "docs/handler.md",
      `≤ ${LIMITS.recordsPerCall} records and ≤ ${mib(LIMITS.bytesPerCall)} MiB per call, ≤ ${mib(LIMITS.bytesPerRecord)} MiB per record`,
      `\`rejectedAlarmPercent\` % (default ${CONFIG_SPEC.rejectedAlarmPercent.default})`,
      `fetched in ${rejectedMinutes} minutes rejected`,
      `\`silenceAlarmMinutes\` (default ${CONFIG_SPEC.silenceAlarmMinutes.default})`,
      `per_page=${PAGE_SIZE}`,
      `fewer than ${PAGE_SIZE} beers`,
      `${catalogueRequests(USAGE.catalogueBeers.v2)} requests for the ${USAGE.catalogueBeers.v2} v2 beers, ` +
        `${catalogueRequests(USAGE.catalogueBeers.v3)} for the ${USAGE.catalogueBeers.v3} of v3, against about ` +
        `${thousands(expectedRandomRequests(USAGE.catalogueBeers.v2))} and ${thousands(expectedRandomRequests(USAGE.catalogueBeers.v3))} random requests`,
    );

    // docs/local-run.md.
    claim(
      "docs/local-run.md",
      `${EXIT.ok} when every scheduled invocation ended well`,
      `${EXIT.failed} when a run failed, ${EXIT.usage} for a bad option or configuration`,
      `${EXIT.interrupted} on Ctrl-C`,
      `\`npm start\` exits ${EXIT.usage} naming \`scheduleExpression\``,
      `when it is more than ${LONG_WAIT_MS / 1000} s away, and every ${SLOW_ATTEMPT_MS / 1000} s of an invocation`,
      `or ${DEFAULT_MAX_CONTAINERS} when it declares none`,
      `\`npm run query\` exits ${EXIT.failed} saying`,
    );

    // docs/benchmark.md.
    const b = INGEST_BENCH;
    claim(
      "docs/benchmark.md",
      `(${b.latencyMs} ms added latency)`,
      `at concurrency ${b.concurrency}, the benchmark's own setting (the function's default is ${SETTINGS.concurrency.default})`,
      `warm-up runs (${b.warmups.baseline} for (a), ${b.warmups.handler} for (b))`,
      `${b.handlerRunsPerBaselineRun} times as many for (b)`,
      `the rounds of ${b.concurrency} requests the beers need, one latency each: ${floorMs(200)} ms for 200 beers`,
      `defaults (${SETTINGS.concurrency.default} in flight)`,
      `takes pages of ${PAGE_SIZE} until a short one: ${catalogueRequests(USAGE.catalogueBeers.v2)} pages for the ` +
        `${USAGE.catalogueBeers.v2} beers of v2 against ${thousands(expectedRandomRequests(USAGE.catalogueBeers.v2))} random ` +
        `requests expected, ${catalogueRequests(USAGE.catalogueBeers.v3)} pages for the ${USAGE.catalogueBeers.v3} of the real ` +
        `v3 against ${thousands(expectedRandomRequests(USAGE.catalogueBeers.v3))}`,
    );
  });

  it("says each figure as the code works it out", () => {
    expect(claims.length).to.be.greaterThan(0);
    for (const { file, says } of claims)
      expect(flat(fs.readFileSync(path.join(ROOT, file), "utf8")), `${file} should say: ${says}`).to.contain(
        says,
      );
  });

  it("says no other number in its prose", () => {
    const pages = docFiles().filter((f) => !["docs/configuration.md", "docs/testing.md"].includes(f));
    const unchecked: string[] = [];
    for (const file of pages) {
      const raw = fs.readFileSync(path.join(ROOT, file), "utf8");
      // Prose, and what the shell blocks say in comments: the other code blocks are samples (checked
      // against the commands) and the commands themselves; the handler's settings table is held to
      // handler/settings.ts by test/docs/claims.test.ts.
      let text = raw
        .replace(/^\s*```(\w*)\n([\s\S]*?)^\s*```/gm, (_, lang: string, body: string) =>
          lang === "sh" ? body.replace(/^[^#\n]*(#|$)/gm, "") : "",
        )
        .replace(/^\| `[A-Z_]+`.*$/gm, "")
        .replace(/<!--.*?-->/g, "")
        .replace(LIST_NUMBER, " ");
      text = flat(text);
      for (const { says } of claims) text = text.split(says).join(" ");
      for (const [pattern] of NOT_FIGURES) text = text.replace(pattern, " ");
      const figure = new RegExp(`.{0,40}(\\d|${NUMBER_WORDS.source}).{0,40}`, "gi");
      unchecked.push(...[...text.matchAll(figure)].map((m) => `${file}: ${m[0]}`));
    }
    expect(unchecked, "figures no test checks").to.deep.equal([]);
  });
});
