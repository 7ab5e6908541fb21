import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { parseStackConfig } from "../../config/stack-config";
import { isStackConfigError } from "../../config/errors";
import { CONFIG_SPEC, fullDescription } from "../../config/spec";
import { projectFile } from "../../config/project-file";
import { listStacks, readProjectFile, readStackFiles } from "../../config/stack-files";
import { runProgram } from "../../local/harness/run-program";
import { awsResourceState, LOCAL_ACCOUNT } from "../../local/harness/aws-state";
import { ROOT, stackConfig } from "../helpers/program";

describe("stack configuration", () => {
  it("is declared in the Pulumi.yaml the spec writes (npm run docs)", () => {
    expect(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).to.equal(projectFile());
  });

  it("declares in Pulumi.yaml exactly the keys of the spec, each with its type, default and description", () => {
    const declared = readProjectFile(ROOT).config ?? {};
    const expected = Object.fromEntries(
      Object.entries(CONFIG_SPEC).map(([key, spec]) => [
        key,
        { type: spec.reader.type, default: spec.default, description: fullDescription(spec) },
      ]),
    );
    expect(declared).to.deep.equal(expected);
  });

  it("is documented key by key in docs/configuration.md", () => {
    const readme = fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8");
    for (const key of Object.keys(CONFIG_SPEC))
      expect(readme, key).to.match(new RegExp(`\\|\\s*\`${key}\`\\s*\\|`));
  });

  it("has the two stacks, each valid, differing where they should", () => {
    expect(listStacks(ROOT)).to.include.members(["prod", "test"]);
    const test = parseStackConfig(readStackFiles(ROOT, "test").config, "test");
    const prod = parseStackConfig(readStackFiles(ROOT, "prod").config, "prod");
    expect(test).to.include({
      streamMode: "PROVISIONED",
      streamShardCount: 1,
      protect: false,
      bucketForceDestroy: true,
      rawExpirationDays: 7,
    });
    expect(prod).to.include({
      streamMode: "PROVISIONED",
      protect: true,
      bucketForceDestroy: false,
      rawExpirationDays: 0,
      rawTransitionDays: 30,
    });
    expect(prod.streamRetentionHours).to.be.greaterThan(test.streamRetentionHours);
    expect(prod.logRetentionDays).to.be.greaterThan(test.logRetentionDays);
    for (const c of [test, prod])
      expect(c).to.include({ sourceUrl: "https://punkapi-alxiw.amvera.io/v3", sourceContract: "v3" });
    expect(test.scheduleExpression).to.deep.equal({
      kind: "rate",
      periodMs: 300_000,
      expression: "rate(5 minutes)",
    });
  });

  const k = (key: string) => `punkapi-consumer:${key}`;
  const bad: [string, Record<string, string>, string, RegExp][] = [
    [
      "a typo'd key",
      { [k("streamShardCont")]: "2" },
      k("streamShardCont"),
      /not a known key \(did you mean punkapi-consumer:streamShardCount\?\)/,
    ],
    ["a shard count of zero", { [k("streamShardCount")]: "0" }, k("streamShardCount"), /between 1 and 500/],
    ["a non-numeric memory", { [k("functionMemoryMb")]: "lots" }, k("functionMemoryMb"), /whole number/],
    [
      "an unknown stream mode",
      { [k("streamMode")]: "SERVERLESS" },
      k("streamMode"),
      /PROVISIONED, ON_DEMAND/,
    ],
    ["plain http", { [k("sourceUrl")]: "http://api.punkapi.com/v2" }, k("sourceUrl"), /https \(TLS only\)/],
    ["a bad contract", { [k("sourceContract")]: "v1" }, k("sourceContract"), /v2, v3/],
    [
      "a bad schedule",
      { [k("scheduleExpression")]: "every 5 minutes" },
      k("scheduleExpression"),
      /rate\(N minutes/,
    ],
    [
      "a singular/plural mix-up",
      { [k("scheduleExpression")]: "rate(5 minute)" },
      k("scheduleExpression"),
      /rate\(N minutes\)/,
    ],
    [
      "a six-field cron with five",
      { [k("scheduleExpression")]: "cron(0 12 * * ?)" },
      k("scheduleExpression"),
      /6 fields/,
    ],
    [
      "a log retention CloudWatch refuses",
      { [k("logRetentionDays")]: "10" },
      k("logRetentionDays"),
      /one of 1, 3, 5, 7, 14/,
    ],
    ["a buffer over 128 MiB", { [k("bufferingSizeMb")]: "256" }, k("bufferingSizeMb"), /between 1 and 128/],
    ["GZIP misspelt", { [k("compression")]: "gzip" }, k("compression"), /GZIP, UNCOMPRESSED/],
    [
      "error-output-type in the raw prefix",
      { [k("rawPrefix")]: "raw/!{firehose:error-output-type}/" },
      k("rawPrefix"),
      /allowed only in the error prefix/,
    ],
    [
      "an expression prefix without error prefix",
      { [k("errorPrefix")]: "" },
      k("errorPrefix"),
      /required when the prefix holds expressions/,
    ],
    [
      "an error prefix without the error type",
      { [k("errorPrefix")]: "errors/!{timestamp:yyyy}/" },
      k("errorPrefix"),
      /must include !\{firehose:error-output-type\}/,
    ],
    [
      "an unknown namespace",
      { [k("rawPrefix")]: "raw/!{partitionKeyFromQuery:id}/" },
      k("rawPrefix"),
      /unknown namespace/,
    ],
    [
      "a transition too early for STANDARD_IA",
      { [k("rawTransitionDays")]: "10" },
      k("rawTransitionDays"),
      /at least 30/,
    ],
    [
      "a freshness alarm under the buffer interval",
      { [k("freshnessAlarmSeconds")]: "60" },
      k("freshnessAlarmSeconds"),
      /must exceed bufferingIntervalSeconds/,
    ],
    [
      "a silence alarm no longer than the schedule's interval",
      { [k("silenceAlarmMinutes")]: "60", [k("scheduleExpression")]: "rate(1 hour)" },
      k("silenceAlarmMinutes"),
      /\(60\) must exceed the schedule's interval \(rate\(1 hour\)\)/,
    ],
    [
      "a drift alarm over 100 %",
      { [k("rejectedAlarmPercent")]: "101" },
      k("rejectedAlarmPercent"),
      /between 1 and 100/,
    ],
    ["a bad e-mail", { [k("alarmEmail")]: "oncall" }, k("alarmEmail"), /e-mail address/],
    ["a boolean that is not", { [k("protect")]: "yes" }, k("protect"), /true or false/],
    [
      "force-destroy on a protected stack",
      { [k("protect")]: "true" },
      k("bucketForceDestroy"),
      /protected stack/,
    ],
    ["no region", { "aws:region": "" }, "aws:region", /AWS region/],
    [
      "a random string in a data prefix (no projection can list it)",
      { [k("rawPrefix")]: "raw/!{firehose:random-string}/dt=!{timestamp:yyyy-MM-dd}/" },
      k("rawPrefix"),
      /Athena would find nothing/,
    ],
    [
      "a data prefix that does not end in a folder",
      { [k("curatedPrefix")]: "curated/dt=!{timestamp:yyyy-MM-dd}" },
      k("curatedPrefix"),
      /must end with "\/"/,
    ],
    [
      "partitions by the minute",
      { [k("rawPrefix")]: "raw/!{timestamp:yyyy-MM-dd-HH-mm}/" },
      k("rawPrefix"),
      /"m" cannot be a partition/,
    ],
    [
      "zones in one folder",
      {
        [k("rawPrefix")]: "lake/year=!{timestamp:yyyy}/",
        [k("curatedPrefix")]: "lake/curated/!{timestamp:yyyy}/",
      },
      k("curatedPrefix"),
      /must not overlap rawPrefix/,
    ],
    [
      "failed records inside a zone",
      { [k("errorPrefix")]: "raw/beers/!{firehose:error-output-type}/" },
      k("errorPrefix"),
      /a table would read failed records/,
    ],
  ];
  for (const [what, override, key, message] of bad) {
    it(`rejects ${what}, naming ${key}`, () => {
      let error: unknown;
      try {
        parseStackConfig({ ...stackConfig("test"), ...override }, "test");
      } catch (e) {
        error = e;
      }
      expect(isStackConfigError(error), String(error)).to.equal(true);
      expect((error as { key: string }).key).to.equal(key);
      expect((error as Error).message)
        .to.contain(key)
        .and.match(message);
    });
  }

  it("a key missing from the configuration is named", () => {
    const config = stackConfig("test");
    delete config[k("rawPrefix")];
    expect(() => parseStackConfig(config, "test")).to.throw(/punkapi-consumer:rawPrefix is not set/);
  });

  it("stops the real program before any resource is declared", async () => {
    let declared = 0;
    let error: unknown;
    await runProgram({
      programDir: ROOT,
      project: "punkapi-consumer",
      stack: "test",
      config: stackConfig("test", { [k("streamShardCount")]: "-1" }),
      newResource: (type, name, inputs) => {
        declared++;
        return awsResourceState(type, name, inputs, { ...LOCAL_ACCOUNT, region: "us-east-1" });
      },
    }).catch((e) => (error = e));
    expect((error as Error).message).to.equal(
      "invalid stack configuration: punkapi-consumer:streamShardCount must be between 1 and 500, got -1",
    );
    expect(declared).to.equal(0);
  });
});

describe("stack files", () => {
  it("name the stacks there are when one does not exist", () => {
    // A project of its own: a user's checkout may hold stack files of theirs (Pulumi.dev.yaml).
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-stacks-"));
    try {
      for (const f of ["Pulumi.yaml", "Pulumi.test.yaml", "Pulumi.prod.yaml"])
        fs.copyFileSync(path.join(ROOT, f), path.join(project, f));
      expect(() => readStackFiles(project, "nope")).to.throw(
        'no stack "nope": Pulumi.nope.yaml does not exist (stacks here: prod, test)',
      );
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
