/**
 * The lake's data-quality ruleset, one DQDL file in the repository (quality/beers.dqdl): its text is what
 * the Glue Data Quality ruleset of the curated table deploys (components/catalog/lake-catalog.ts), and its
 * rules what `npm run query -- --quality` evaluates locally. Both read it here, and both parse it first:
 * a rule the local check cannot evaluate (./dqdl.ts refuses it by name) or a column the table lacks stops
 * the program as it stops the check, so nothing is deployed that was never checked.
 */
import fs from "fs";
import path from "path";
import { parseRuleset, type Rule } from "./dqdl";

export const RULESET_FILE = path.join(__dirname, "beers.dqdl");

export interface Ruleset {
  /** The file's text, as Glue receives it. */
  text: string;
  rules: Rule[];
}

/** Reads and parses the ruleset; every column a rule names must be one of `columns` (the table's). */
export function readRuleset(columns: readonly string[], file = RULESET_FILE): Ruleset {
  const text = fs.readFileSync(file, "utf8");
  const source = path.relative(process.cwd(), file) || file;
  const rules = parseRuleset(text, source);
  for (const rule of rules)
    for (const name of rule.columns)
      if (!columns.includes(name))
        throw new Error(
          `${source}:${rule.at.line}:${rule.at.column}: ${rule.text} names "${name}", which is no column of the table (${columns.join(", ")})`,
        );
  return { text, rules };
}
