/**
 * Pulumi.yaml, written from the spec so that its defaults cannot drift from what the program reads:
 * `npm run docs` writes it, a test holds the committed file to it. The Pulumi CLI applies each key's
 * default and shows its description; the local run reads the defaults from there (./stack-files.ts).
 */
import { Document } from "yaml";
import { CONFIG_SPEC, fullDescription } from "./spec";
import { PROJECT } from "./stack-config";

/** The project as `pulumi new` would describe it, then every key of the spec in the spec's order. */
export function projectFile(): string {
  const doc = new Document({
    name: PROJECT,
    description:
      "Punk API → Lambda → Kinesis Data Stream → Firehose → S3 data lake (newline-delimited JSON, date-partitioned)",
    runtime: { name: "nodejs", options: { typescript: true } },
    config: Object.fromEntries(
      Object.entries(CONFIG_SPEC).map(([key, spec]) => [
        key,
        { type: spec.reader.type, default: spec.default, description: fullDescription(spec) },
      ]),
    ),
  });
  doc.commentBefore = " Written by `npm run docs` from config/spec.ts; a test holds this file to it.";
  // No folding: a description stays on one line, as a user reads it.
  return doc.toString({ lineWidth: 0 });
}
