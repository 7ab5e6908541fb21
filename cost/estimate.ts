/**
 * A monthly estimate of a stack from its configuration and what its program declares (alarms, dashboards,
 * keys), each line a quantity times a unit price from ./prices-us-east-1.json, which names its source and
 * date. Pure: `npm run plan` prints it. Free tiers are left out (they are per account, not per stack).
 */
import type { StackConfig } from "../config/stack-config";
import type { DeclaredResource } from "../local/program/run-program";
import { METRICS } from "../handler/metrics";
import PRICES from "./prices-us-east-1.json";
import { USAGE, type Usage } from "./usage";

export type PriceKey = keyof typeof PRICES.prices;

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  price: PriceKey;
  usd: number;
}

export interface Estimate {
  lines: CostLine[];
  totalUsd: number;
  notes: string[];
  prices: typeof PRICES;
}

const GB = 1024 ** 3;
const ceilTo = (bytes: number, unit: number) => Math.ceil(bytes / unit) * unit;

/**
 * `usage` is cost/usage.ts's unless a test gives another: a record size either side of the 1 KB, 5 KB and
 * 25 KB steps the services bill in shows that each rounds up, which the measured 1,950 bytes cannot.
 */
export function estimate(config: StackConfig, declared: DeclaredResource[], usage: Usage = USAGE): Estimate {
  const notes: string[] = [];
  const hours = usage.hoursPerMonth;
  const schedule = config.scheduleExpression;
  const invocations = schedule.kind === "rate" ? (hours * 3600 * 1000) / schedule.periodMs : 0;
  if (schedule.kind !== "rate")
    notes.push(`a cron schedule's invocations are not estimated: ${schedule.expression}`);
  const beers =
    config.ingestMode === "catalogue"
      ? usage.catalogueBeers[config.sourceContract]
      : config.beersPerInvocation;
  const records = invocations * beers;
  const lines: CostLine[] = [];
  const add = (service: string, item: string, quantity: number, price: PriceKey) =>
    lines.push({ service, item, quantity, price, usd: quantity * PRICES.prices[price].usd });

  // Kinesis: the stream is billed by the hour whether data flows or not.
  const retainedHours = Math.min(config.streamRetentionHours, 168) - 24;
  if (config.streamRetentionHours > 168)
    notes.push("stream retention beyond 7 days (long-term retention) is not priced here");
  if (config.streamMode === "PROVISIONED") {
    add(
      "Kinesis",
      `${config.streamShardCount} shard(s), all month`,
      config.streamShardCount * hours,
      "kinesis.shardHour",
    );
    add(
      "Kinesis",
      "PUT payload units",
      (records * Math.ceil(usage.recordBytes / 25600)) / 1e6,
      "kinesis.putPayloadUnitsMillion",
    );
    if (retainedHours > 0)
      add(
        "Kinesis",
        `retention to ${config.streamRetentionHours} h`,
        config.streamShardCount * hours,
        "kinesis.extendedRetentionShardHour",
      );
  } else {
    const gbIn = (records * ceilTo(usage.recordBytes, 1024)) / GB;
    add("Kinesis", "on-demand stream, all month", hours, "kinesis.onDemandStreamHour");
    add("Kinesis", "data in", gbIn, "kinesis.onDemandDataInGb");
    add(
      "Kinesis",
      `data out to ${usage.streamConsumers} consumers`,
      gbIn * usage.streamConsumers,
      "kinesis.onDemandDataOutGb",
    );
    if (retainedHours > 0)
      add(
        "Kinesis",
        `retention to ${config.streamRetentionHours} h`,
        (gbIn * retainedHours) / hours,
        "kinesis.onDemandExtendedRetentionGbMonth",
      );
  }

  // Firehose: each delivery stream ingests every record, rounded up to 5 KB; the curated one converts it.
  const firehoseGb = (records * ceilTo(usage.recordBytes, 5120)) / GB;
  const deliveries = declared.filter(
    (r) => r.type === "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  );
  add(
    "Firehose",
    `ingestion, ${deliveries.length} delivery streams, 5 KB steps`,
    firehoseGb * deliveries.length,
    "firehose.ingestionGb",
  );
  const converting = deliveries.filter(
    (d) => d.inputs.extendedS3Configuration?.dataFormatConversionConfiguration?.enabled,
  );
  add("Firehose", "format conversion to Parquet", firehoseGb * converting.length, "firehose.conversionGb");

  // Lambda.
  const durationS = usage.durationMs[config.ingestMode] / 1000;
  add("Lambda", "requests", invocations / 1e6, "lambda.requestsMillion");
  add(
    "Lambda",
    `compute, ${config.functionMemoryMb} MB × ${durationS} s each`,
    invocations * durationS * (config.functionMemoryMb / 1024),
    "lambda.gbSecond",
  );

  // S3: what one month adds (it grows month on month until the lifecycle expires it), and the PUTs.
  add(
    "S3",
    "storage one month adds",
    (records * (usage.rawStoredBytes + usage.curatedStoredBytes)) / GB,
    "s3.standardGbMonth",
  );
  const objectsPerStream = Math.min(
    invocations,
    (hours * 3600) / Math.max(config.bufferingIntervalSeconds, 60),
  );
  add("S3", "PUT requests", (objectsPerStream * deliveries.length) / 1000, "s3.putThousand");

  // CloudWatch: alarms by the metrics they watch, the function's metrics, dashboards, log ingestion.
  const alarmMetrics = declared
    .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
    .reduce(
      (n, a) =>
        n +
        (a.inputs.metricQueries
          ? a.inputs.metricQueries.filter((q: { metric?: unknown }) => q.metric).length
          : 1),
      0,
    );
  add("CloudWatch", "alarm metrics", alarmMetrics, "cloudwatch.alarmMetric");
  add("CloudWatch", "the function's metrics (EMF)", Object.keys(METRICS).length, "cloudwatch.customMetric");
  const dashboards = declared.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard").length;
  add("CloudWatch", "dashboards", dashboards, "cloudwatch.dashboard");
  add(
    "CloudWatch",
    "log ingestion",
    (invocations * usage.logBytesPerInvocation) / GB,
    "cloudwatch.logsIngestionGb",
  );

  const keys = declared.filter((r) => r.type === "aws:kms/key:Key").length;
  add("KMS", "customer managed keys", keys, "kms.keyMonth");

  notes.push("SQS, SNS, Glue and Athena are billed by use and round to cents or less at this volume");
  if (config.region !== PRICES.region) notes.push(`prices for ${PRICES.region}; ${config.region} differs`);
  const totalUsd = lines.reduce((s, l) => s + l.usd, 0);
  return { lines, totalUsd, notes, prices: PRICES };
}

/** The estimate as `npm run plan` prints it: one line per item with its unit price, then the total. */
export function formatEstimate(e: Estimate, stack: string): string[] {
  const money = (usd: number) => `$${usd.toFixed(2)}`;
  const qty = (n: number) => (Number.isInteger(n) ? String(n) : n < 0.01 ? n.toExponential(2) : n.toFixed(2));
  const out = [
    `monthly estimate for stack "${stack}" (${e.prices.currency}, prices for ${e.prices.region} as of ${e.prices.asOf}):`,
  ];
  const width = Math.max(...e.lines.map((l) => l.service.length + l.item.length + 2));
  for (const l of e.lines) {
    const p = e.prices.prices[l.price];
    const what = `${l.service}: ${l.item}`.padEnd(width);
    out.push(`  ${what}  ${qty(l.quantity).padStart(8)} ${p.unit} × $${p.usd} = ${money(l.usd)}`);
  }
  out.push(`  total ${money(e.totalUsd)} per month`);
  for (const n of e.notes) out.push(`  note: ${n}`);
  out.push(
    `  prices: cost/prices-us-east-1.json (each with its source page; compiled offline, check calculator.aws)`,
  );
  return out;
}
