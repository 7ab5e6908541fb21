/**
 * The configuration reference (docs/configuration.md), written from the spec and the rules, so it cannot
 * drift from what the program accepts: `npm run docs` writes it, a test holds the file to it.
 */
import { CONFIG_SPEC } from "./spec";
import { RULES } from "./rules";

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function configurationReference(): string {
  const rows = Object.entries(CONFIG_SPEC).map(
    ([key, spec]) =>
      `| \`${key}\` | ${spec.default === "" ? "(empty)" : `\`${cell(String(spec.default))}\``} | ${cell(spec.reader.rule)} | ${cell(spec.description)} |`,
  );
  return [
    "# Configuration reference",
    "",
    "<!-- Written by `npm run docs` from config/spec.ts and config/rules.ts; a test holds this file to them. -->",
    "",
    "Every key of the `punkapi-consumer` namespace, with its default (in `Pulumi.yaml`) and what it accepts.",
    "A stack file (`Pulumi.<stack>.yaml`) or `--config key=value` overrides a default; an invalid value stops",
    "the program, `npm start` and `npm run plan` before anything is declared, naming the key. `aws:region` is",
    "required as well (an AWS region such as `us-east-1`).",
    "",
    "| key | default | accepts | what it is |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "## Rules between keys",
    "",
    ...RULES.map((rule) => `- ${rule.says}`),
    "",
  ].join("\n");
}
