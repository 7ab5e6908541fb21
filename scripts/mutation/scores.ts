/**
 * Mutation scores per folder, from Stryker's JSON report (the mutation-testing-report-schema): a folder's
 * score is Stryker's own, (killed + timeout) / (killed + timeout + survived + no coverage), in per cent.
 * Ignored mutants (disabled in a comment that gives the reason) and invalid ones (compile or runtime errors) do not
 * count. Recorded scores (docs/mutation-scores.json) and the table docs/testing.md shows are built here.
 */

export type MutantStatus =
  | "Killed"
  | "Survived"
  | "NoCoverage"
  | "Timeout"
  | "CompileError"
  | "RuntimeError"
  | "Ignored"
  | "Pending";

/** The part of Stryker's JSON report read here. */
export interface StrykerReport {
  files: Record<string, { mutants: { status: MutantStatus }[] }>;
}

export interface FolderScore {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  /** Per cent, two decimals; null when no mutant counts. */
  score: number | null;
}

export interface RecordedScore extends FolderScore {
  /** The commit whose sources were mutated. */
  commit: string;
  /** When the run ended (UTC day). */
  date: string;
}

/** The folder among `folders` that holds `file` (the longest that does), or undefined. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  const normal = file.replace(/\\/g, "/");
  return folders.filter((f) => normal.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
}

export function scoresByFolder(report: StrykerReport, folders: readonly string[]): Map<string, FolderScore> {
  const out = new Map<string, FolderScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = folderOf(file, folders);
    if (!folder) continue;
    const s = out.get(folder) ?? {
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      ignored: 0,
      score: null,
    };
    for (const { status } of mutants) {
      if (status === "Killed") s.killed++;
      else if (status === "Timeout") s.timeout++;
      else if (status === "Survived") s.survived++;
      else if (status === "NoCoverage") s.noCoverage++;
      else if (status === "Ignored") s.ignored++;
    }
    out.set(folder, s);
  }
  for (const s of out.values()) {
    const detected = s.killed + s.timeout;
    const valid = detected + s.survived + s.noCoverage;
    s.score = valid === 0 ? null : Math.round((10000 * detected) / valid) / 100;
  }
  return out;
}

/** The folders below `threshold` (per cent), or without any mutant that counts. */
export function belowThreshold(scores: Map<string, FolderScore>, threshold: number): string[] {
  return [...scores].filter(([, s]) => s.score === null || s.score < threshold).map(([f]) => f);
}

export function formatScore(score: number | null): string {
  return score === null ? "–" : `${score.toFixed(2)} %`;
}

/**
 * The table of docs/testing.md: one row per folder of `folders`, in that order, with its recorded score,
 * or "not measured yet".
 */
export function scoresTable(folders: readonly string[], recorded: Record<string, RecordedScore>): string {
  const rows = folders.map((folder) => {
    const r = recorded[folder];
    if (!r) return [`\`${folder}/\``, "not measured yet", "", "", "", "", "", ""];
    return [
      `\`${folder}/\``,
      formatScore(r.score),
      String(r.killed),
      String(r.timeout),
      String(r.survived),
      String(r.noCoverage),
      String(r.ignored),
      `${r.commit.slice(0, 7)}, ${r.date}`,
    ];
  });
  const head = ["folder", "score", "killed", "timeout", "survived", "no coverage", "ignored", "measured at"];
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/**
 * The cells of a Markdown table's rows (the separator row left out), so that a table the formatter has
 * re-aligned compares equal to the one written.
 */
export function tableCells(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((l) => l.trim().startsWith("|"))
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)));
}

export const TABLE_START = "<!-- mutation-scores: written by npm run mutate -- --record; do not edit -->";
export const TABLE_END = "<!-- /mutation-scores -->";

/** `doc` with the text between the markers replaced by `table`; the markers must be there. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`docs/testing.md: the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${doc.slice(end)}`;
}
