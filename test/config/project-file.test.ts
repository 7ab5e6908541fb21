/**
 * Pulumi.yaml as the spec writes it: the project's header, then each key in the shape the Pulumi CLI
 * reads (type, default, description), one line per description. Figures written out, not read from the spec.
 */
import { expect } from "chai";
import { parse } from "yaml";
import { projectFile } from "../../config/project-file";

describe("the project file (Pulumi.yaml)", () => {
  const text = projectFile();

  it("says it is written, then names the project, its runtime and its keys in the spec's order", () => {
    expect(text.split("\n").slice(0, 8)).to.deep.equal([
      "# Written by `npm run docs` from config/spec.ts; a test holds this file to it.",
      "",
      "name: punkapi-consumer",
      "description: Punk API → Lambda → Kinesis Data Stream → Firehose → S3 data lake (newline-delimited JSON, date-partitioned)",
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
    ]);
    const keys = Object.keys(parse(text).config);
    expect(keys).to.have.length(32);
    expect(keys.slice(0, 5)).to.deep.equal([
      "sourceUrl",
      "sourceContract",
      "ingestMode",
      "beersPerInvocation",
      "fetchConcurrency",
    ]);
    expect(keys[31]).to.equal("athenaResultsExpirationDays");
  });

  it("gives each key its type, default and description, the handler's ranges and margin included", () => {
    const { config } = parse(text);
    expect(config.beersPerInvocation).to.deep.equal({
      type: "integer",
      default: 1,
      description:
        "Random beers fetched per invocation (random mode). The original project fetched one. Accepts 1 to 10000.",
    });
    expect(config.fetchConcurrency).to.deep.equal({
      type: "integer",
      default: 8,
      description: "Requests to the Punk API in flight at once. Accepts 1 to 64.",
    });
    expect(config.ingestMode.default).to.equal("random");
    expect(config.functionTimeoutSeconds.description).to.equal(
      "Lambda timeout in seconds; the handler stops 2 s before it. Accepts 5 to 900.",
    );
    expect(config.protect).to.deep.include({ type: "boolean", default: false });
  });

  it("writes each description on one line, quoted where YAML needs it, and an empty default as a string", () => {
    expect(text).to.contain(
      '    description: "Contract of the source: v2 (one-element arrays, image_url) or v3 (bare objects, image). Accepts v2 or v3."\n',
    );
    expect(text).to.contain('  alarmEmail:\n    type: string\n    default: ""\n');
    expect(parse(text).config.alarmEmail.default).to.equal("");
  });
});
