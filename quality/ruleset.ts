/**
 * The lake's data-quality ruleset, one DQDL file in the repository (quality/beers.dqdl): its rules are what
 * `npm run query -- --quality` evaluates locally, and its text, whole, is what a Glue Data Quality ruleset
 * of the curated table receives (components/catalog/lake-catalog.ts). Read and parsed here, so that
 * a rule the local check cannot evaluate (./dqdl.ts refuses it by name) or a column the table lacks stops
 * whatever reads it.
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
  // Never empty: that would be the working directory itself, which readFileSync has refused (EISDIR).
  const source = path.relative(process.cwd(), file);
  const rules = parseRuleset(text, source);
  for (const rule of rules)
    for (const name of rule.columns)
      if (!columns.includes(name))
        throw new Error(
          `${source}:${rule.at.line}:${rule.at.column}: ${rule.text} names "${name}", which is no column of the table (${columns.join(", ")})`,
        );
  return { text, rules };
}
