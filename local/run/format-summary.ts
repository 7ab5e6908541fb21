/** The end-of-run report: what ran, what landed where, how to look at it. Pure text from the summary. */
import path from "path";
import type { LocalRunSummary } from "./local-stack";

export function formatSummary(s: LocalRunSummary, cwd = process.cwd()): string {
  const rel = (p: string) => path.relative(cwd, p) || ".";
  const lines: string[] = [];
  const verdict = s.ok ? "done" : s.stoppedBy === "interrupted" ? "interrupted" : "FAILED";
  lines.push(
    `punkapi-consumer — local run of stack "${s.stack}": ${verdict} in ${(s.durationMs / 1000).toFixed(1)} s (speed ×${s.speed})`,
  );
  lines.push(
    `  source        ${s.source.url} (${s.source.contract}${s.source.standIn ? `, local stand-in: ${s.source.catalogue}` : ""})`,
  );
  const inv = s.invocations;
  lines.push(
    `  invocations   ${inv.scheduled} scheduled, ${inv.attempts} attempts, ${inv.succeeded} succeeded, ${inv.retried} retries, ${inv.toFailureQueue} to the failure queue`,
  );
  const b = s.beers;
  lines.push(
    `  beers         ${b.fetched} fetched, ${b.written} written, ${b.rejected} rejected; ${b.distinct} distinct in the lake`,
  );
  const d = s.delivery;
  lines.push(
    `  delivery      ${d.deliveryStream}: ${d.recordsRead} records read from ${d.shards} shard(s), ${d.recordsDelivered} delivered in ${d.objects} object(s)`,
  );
  if (s.lake.bucket) {
    lines.push(`  lake          ${rel(path.join(s.lake.directory, s.lake.bucket))}/`);
    for (const o of s.lake.objects.slice(0, 6))
      lines.push(`                  ${o.key}  (${o.records} beers)`);
    if (s.lake.objects.length > 6) lines.push(`                  … ${s.lake.objects.length - 6} more`);
    if (s.lake.objects.length) {
      const folder = rel(path.dirname(s.lake.objects[0].file));
      const read = s.lake.objects[0].key.endsWith(".gz") ? "gunzip -c" : "cat";
      lines.push(`  look at it    ${read} '${folder}'/*._S3rver_object | head -c 400`);
      lines.push(
        `                files on disk end in ._S3rver_object (s3rver's layout); ${rel(path.join(s.lake.directory, "..", "last-run.json"))} has this summary`,
      );
    }
  }
  if (s.curated) {
    lines.push(
      `  curated       ${s.curated.deliveryStream}: ${s.curated.recordsDelivered} records as Parquet in ${s.curated.objects.length} object(s) under ${s.curated.prefix.split("!{")[0]}`,
    );
    lines.push(
      `  query it      npm run query   (or: npm run query -- "SELECT name, abv FROM beers_curated ORDER BY abv DESC LIMIT 5")`,
    );
  }
  lines.push(
    `  iam           ${s.iam.requests} AWS calls judged against the declared policies, ${s.iam.denied.length} denied${s.runtime ? `; function on Node ${s.runtime.node}${s.runtime.matches ? "" : " (not the runtime's major version)"}` : ""}`,
  );
  for (const denial of s.iam.denied.slice(0, 3))
    lines.push(`                  denied: ${denial.action} on ${denial.resource}`);
  lines.push(`  logs          ${rel(s.logs)}/`);
  if (s.failureQueue && s.failureQueue.messages)
    lines.push(`  failure queue ${rel(s.failureQueue.file)} (${s.failureQueue.messages} events)`);
  if (s.unrealised.length) {
    lines.push(
      `  not realised locally (declared and recorded): ${s.unrealised.map((u) => `${u.count} ${shortType(u.type)}`).join(", ")}`,
    );
  }
  if (s.errors.length) {
    lines.push("  errors:");
    for (const e of s.errors.slice(0, 8)) lines.push(`    - ${e}`);
  }
  return lines.join("\n");
}

/** "aws:kms/key:Key" → "kms.Key". */
function shortType(type: string): string {
  const [, module, name] = type.split(":");
  return `${module.split("/")[0]}.${name}`;
}
