/**
 * The README's sample outputs, held to what the commands print: a sample is the block after
 * `<!-- sample: <command> -->`, its first line the command. It matches an output when, after both are
 * masked for what changes from run to run (times, dates, ids, ports, random beers), each of its lines is
 * the output's next line, a line `…` standing for any number of lines.
 */
import fs from "fs";
import path from "path";
import { ROOT } from "./program";

export function readmeSample(command: string): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const marker = `<!-- sample: ${command} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no sample for ${command} (${marker})`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at))![1];
  const [first, ...rest] = block.replace(/\n$/, "").split("\n");
  if (!first.startsWith("$ ")) throw new Error(`the sample for ${command} does not start with the command`);
  return rest.join("\n");
}

/** What changes between runs, replaced by a word for it; table rows of random beers collapsed. */
export function mask(text: string, workDir?: string): string[] {
  let t = text;
  // A test's work directory stands for the default one, and the hints then name none.
  if (workDir)
    t = t.split(path.relative(ROOT, workDir)).join(".local").split(" -- --work-dir .local").join("");
  t = t
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/g, "<when>")
    .replace(/\d{4}-\d{2}-\d{2}/g, "<date>")
    .replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")
    .replace(/\d+(\.\d+)? (ms|s|min)\b/g, "<time>")
    .replace(/\d+ distinct/g, "<n> distinct")
    .replace(/\d+ AWS calls/g, "<n> AWS calls")
    .replace(/\d+ objects?\b/g, "<n> objects")
    .replace(/Duration \d+/g, "Duration <ms>")
    // Which alarms a run could evaluate depends on how long it ran (a busy machine runs longer, and a
    // longer window covers an alarm's period): test/local/alarms.test.ts holds the verdicts themselves.
    .replace(/\d+ of (\d+) evaluated/g, "<n> of $1 evaluated")
    .replace(/; \d+ not: see/g, "; <n> not: see")
    // Column widths follow the longest value shown.
    .replace(/ {2,}/g, "  ");
  const lines: string[] = [];
  let inTable = false;
  for (const line of t.split("\n").map((l) => l.trimEnd())) {
    if (/^-+( +-+)*$/.test(line)) {
      lines.push("<columns>");
      inTable = true;
      continue;
    }
    if (inTable && line !== "") {
      if (lines[lines.length - 1] !== "<rows>") lines.push("<rows>");
      continue;
    }
    inTable = false;
    lines.push(line);
  }
  return lines;
}

/** Why the sample does not match the output (nothing when it does). */
export function sameShape(sample: string, output: string, opts: { workDir?: string } = {}): string[] {
  const want = mask(sample);
  const got = mask(output, opts.workDir);
  const match = (i: number, j: number): boolean => {
    if (i === want.length) return j === got.length || got.slice(j).every((l) => l === "");
    if (want[i] === "…") {
      for (let k = j; k <= got.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    return j < got.length && want[i] === got[j] && match(i + 1, j + 1);
  };
  if (match(0, 0)) return [];
  // The first line where they part, to say what is stale.
  let i = 0;
  while (i < want.length && want[i] !== "…" && want[i] === got[i]) i++;
  return [
    `the README's sample differs from the output at line ${i + 1}:\n  README: ${want[i]}\n  output: ${got[i]}\n--- output (masked) ---\n${got.join("\n")}`,
  ];
}
