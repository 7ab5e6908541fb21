/**
 * The `// Stryker disable` comments of the sources, held to one rule: a disable names the equivalent
 * mutants it is for - how many, and why they are equivalent - and covers no others. Stryker disables by
 * mutator name and line only (StrykerJS 10's directive grammar has nothing narrower), so one comment can
 * hide a mutant that changes behaviour beside the equivalent one it was written for; the count is what
 * catches that, checked against the mutants Stryker's own instrumenter ignores under the comment.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { lambdaNode } from "../../local/stand-ins/lambda/runtime";

/** The one accepted form: `// Stryker disable next-line <Mutator[,Mutator]>: <n> equivalent mutant(s), <why>`. */
const WELL_FORMED =
  /^\s*\/\/ Stryker disable next-line ([A-Za-z]+(?:,[A-Za-z]+)*): ((\d+) equivalent mutants?, (\S.*))$/;
/** What Stryker itself reads as a directive (its instrumenter's pattern, in any comment). */
const ANY_DIRECTIVE = /Stryker (disable|restore)/;

export interface SourceFile {
  name: string;
  content: string;
}

export interface Directive {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  count: number;
  /** The reason as Stryker records it on the mutants it ignores. */
  reason: string;
}

export interface IgnoredMutant {
  fileName: string;
  line: number;
  mutatorName: string;
  replacement: string;
  reason: string;
}

/** Source files that may hold a directive: everything but tests, dependencies and generated output. */
export function sourcesWithDirectives(root: string): SourceFile[] {
  const skip = new Set(["node_modules", "test", "dist", "reports", ".git", ".local", ".stryker-tmp", "docs"]);
  const found: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(rel);
      } else if (/\.[cm]?[jt]s$/.test(entry.name)) {
        const content = fs.readFileSync(path.join(root, rel), "utf8");
        if (ANY_DIRECTIVE.test(content)) found.push({ name: rel, content });
      }
    }
  };
  walk("");
  return found;
}

/** The well-formed directives of a file, and a problem for each line that reads as a directive but is not one. */
export function directivesOf(file: SourceFile): { directives: Directive[]; problems: string[] } {
  const directives: Directive[] = [];
  const problems: string[] = [];
  file.content.split("\n").forEach((text, i) => {
    if (!ANY_DIRECTIVE.test(text)) return;
    const match = WELL_FORMED.exec(text);
    if (!match) {
      problems.push(
        `${file.name}:${i + 1}: not "// Stryker disable next-line <Mutator>: <n> equivalent mutant(s), <why>": ${text.trim()}`,
      );
      return;
    }
    directives.push({ file: file.name, line: i + 1, count: Number(match[3]), reason: match[2].trim() });
  });
  return { directives, problems };
}

/**
 * Each ignored mutant belongs to the nearest directive above it with its reason; a directive must cover
 * exactly the count it states, and no mutant may be ignored by anything else.
 */
export function coverageProblems(directives: Directive[], ignored: IgnoredMutant[]): string[] {
  const covered = new Map<Directive, IgnoredMutant[]>(directives.map((d) => [d, []]));
  const problems: string[] = [];
  for (const mutant of ignored) {
    const owner = directives
      .filter((d) => d.file === mutant.fileName && d.reason === mutant.reason && d.line < mutant.line)
      .sort((a, b) => b.line - a.line)[0];
    if (owner) covered.get(owner)!.push(mutant);
    else
      problems.push(
        `${mutant.fileName}:${mutant.line}: ${mutant.mutatorName} ${mutant.replacement} ignored by no stated directive ("${mutant.reason}")`,
      );
  }
  for (const [d, mutants] of covered) {
    if (mutants.length === d.count) continue;
    const list = mutants.map((m) => `line ${m.line} ${m.mutatorName} -> ${m.replacement}`).join("; ");
    problems.push(`${d.file}:${d.line}: states ${d.count} equivalent, disables ${mutants.length}: ${list}`);
  }
  return problems;
}

/** Every problem with the directives of these files, by Stryker's own instrumenter (Node 22, a few seconds). */
export function disableProblems(files: SourceFile[]): string[] {
  const node = lambdaNode("nodejs22.x");
  if (!node.matches) throw new Error(`Stryker's instrumenter needs Node 22; found ${node.version}`);
  const found = files.map(directivesOf);
  const ignored = JSON.parse(
    execFileSync(node.path, [path.join(__dirname, "ignored-mutants.mjs")], {
      input: JSON.stringify(files),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as IgnoredMutant[];
  return [
    ...found.flatMap((f) => f.problems),
    ...coverageProblems(
      found.flatMap((f) => f.directives),
      ignored,
    ),
  ];
}
