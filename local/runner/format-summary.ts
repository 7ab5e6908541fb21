/** The end-of-run report: what ran, what landed where, how to look at it. Pure text from the summary. */
import path from "path";
import type { LocalRunSummary } from "./summary";

export interface RunPlace {
  /** The run's folder (its summary's paths are relative to it). */
  folder: string;
  /** What became of the run's folder: the stack's current lake, or kept as its last failed run. */
  outcome: "current" | "last-failed";
  /** The stack's current lake, when this run did not replace it. */
  keptCurrent?: string;
  /** The `npm run query` options that read this run (`--work-dir DIR` when not the default). */
  queryOptions: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The folders of a zone's objects: the one folder, or how many under the zone's root. */
function folders(keys: string[]): string {
  const dirs = [...new Set(keys.map((k) => k.slice(0, k.lastIndexOf("/") + 1)))];
  return dirs.length === 1 ? dirs[0] : `${dirs.length} folders`;
}

/** Items joined into lines of at most `width` characters, continued under `indent`. */
function wrap(items: string[], first: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = first;
  for (const item of items) {
    const next = `${item},`;
    if (line.length + next.length + 1 > width && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${next} `;
  }
  lines.push(line.trimEnd().replace(/,$/, ""));
  return lines;
}

export function formatSummary(s: LocalRunSummary, place: RunPlace, cwd = process.cwd()): string {
  const rel = (p: string) => path.relative(cwd, path.resolve(place.folder, p)) || ".";
  const verdict = s.ok ? "done" : s.stoppedBy === "interrupted" ? "interrupted" : "FAILED";
  const inv = s.invocations;
  const b = s.beers;
  const d = s.delivery;
  const lines = [
    `punkapi-consumer — stack "${s.stack}": ${verdict} in ${(s.durationMs / 1000).toFixed(1)} s (speed ×${s.speed})`,
    `  source        ${s.source.standIn ? `local stand-in: ${s.source.catalogue}` : `${s.source.url} (${s.source.contract})`}`,
    `  invocations   ${inv.scheduled} scheduled, ${inv.succeeded} succeeded, ${plural(inv.retried, "retry", "retries")}, ${inv.toFailureQueue} to the failure queue`,
    `  beers         ${b.fetched} fetched, ${b.written} written, ${b.rejected} rejected; ${b.distinct} distinct in the lake`,
    `  raw zone      ${plural(d.recordsDelivered, "record")} in ${plural(d.objects, "object")} (${d.deliveryStream}), ${folders(s.lake.objects.map((o) => o.key))}`,
  ];
  if (s.curated)
    lines.push(
      `  curated zone  ${plural(s.curated.recordsDelivered, "record")} as Parquet in ${plural(s.curated.objects.length, "object")}, ${folders(s.curated.objects.map((o) => o.key))}`,
    );
  lines.push(
    `  iam           ${s.iam.requests} AWS calls judged against the declared policies, ${s.iam.denied.length} denied`,
  );
  for (const denial of s.iam.denied.slice(0, 3))
    lines.push(`                  denied: ${denial.action} on ${denial.resource}`);
  if (s.runtime)
    lines.push(
      `  function      on Node ${s.runtime.node}${s.runtime.matches ? "" : " (not the runtime's major version)"}`,
    );
  const metrics = Object.entries(s.metrics);
  if (metrics.length)
    lines.push(
      ...wrap(
        metrics.map(([name, v]) => `${name} ${v}`),
        "  metrics       ",
        "                ",
      ),
    );
  const evaluated = s.alarms.filter((a) => a.evaluated);
  const firing = evaluated.filter((a) => a.fires);
  const skipped = s.alarms.length - evaluated.length;
  lines.push(
    `  alarms        ${firing.length ? `${firing.length} would fire` : "none would fire"} (${evaluated.length} of ${s.alarms.length} evaluated at ×${s.speed}${skipped ? `; ${skipped} not: see summary.json` : ""})`,
  );
  for (const a of firing) lines.push(`                  ${a.alarm}: ${a.reason}`);
  const drift = s.schemaDrift;
  if (drift.beers)
    lines.push(
      ...wrap(
        drift.fields,
        `  schema drift  ${plural(drift.beers, "beer")} carried fields the lake's schema does not declare: `,
        "                ",
      ),
      `                kept in the raw zone only, dropped from the curated one: see ${drift.docs}`,
    );
  if (s.lake.bucket) lines.push(`  lake          ${rel(path.join(s.lake.directory, s.lake.bucket))}/`);
  lines.push(`  logs          ${rel(s.logs)}/`);
  if (s.failureQueue?.messages)
    lines.push(`  failure queue ${rel(s.failureQueue.file)} (${plural(s.failureQueue.messages, "event")})`);
  if (s.unrealised.length)
    lines.push(
      ...wrap(
        s.unrealised.map((u) => `${u.count} ${shortType(u.type)}`),
        "  not realised  ",
        "                ",
      ),
    );
  if (s.warnings.length) {
    lines.push("  retried (and then made good, or counted above):");
    for (const w of s.warnings.slice(0, 5)) lines.push(`    - ${w}`);
  }
  if (s.errors.length) {
    lines.push("  errors:");
    for (const e of s.errors.slice(0, 8)) lines.push(`    - ${e}`);
  }
  if (place.outcome === "current") {
    lines.push(`  next          npm run query${place.queryOptions ? ` -- ${place.queryOptions}` : ""}`);
  } else {
    lines.push(
      place.keptCurrent
        ? `  kept          the last good lake, ${rel(place.keptCurrent)}/ (this run is in ${rel(place.folder)}/)`
        : `  kept          no good lake yet; this run is in ${rel(place.folder)}/`,
    );
  }
  return lines.join("\n");
}

/** "aws:kms/key:Key" → "kms.Key". */
function shortType(type: string): string {
  const [, module, name] = type.split(":");
  return `${module.split("/")[0]}.${name}`;
}
