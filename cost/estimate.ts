/**
 * A monthly estimate of a stack from its configuration and what its program declares: each resource type
 * of the registry (resource-types/) prices the resources of its type, a quantity times a unit price from
 * ./prices-us-east-1.json, which names its source and date. Pure: `npm run plan` prints it. Free tiers are
 * left out (they are per account, not per stack).
 */
import type { StackConfig } from "../config/stack-config";
import { RESOURCE_TYPES } from "../resource-types";
import type { Inputs } from "../resource-types/resource-type";
import type { PriceKey, PriceLine, Usage } from "../resource-types/pricing";
import PRICES from "./prices-us-east-1.json";
import { USAGE } from "./usage";

export type { PriceKey };

export interface CostLine extends PriceLine {
  usd: number;
}

export interface Estimate {
  lines: CostLine[];
  totalUsd: number;
  notes: string[];
  prices: typeof PRICES;
}

/** The order the lines are listed in: the data's path through the services, then what watches it. */
const SERVICES = ["Kinesis", "Firehose", "Lambda", "S3", "CloudWatch", "KMS"];

/**
 * `usage` is cost/usage.ts's unless a test gives another: a record size either side of the 1 KB, 5 KB and
 * 25 KB steps the services bill in shows that each rounds up, which the measured 1,950 bytes cannot.
 */
export function estimate(
  config: StackConfig,
  declared: readonly { type: string; inputs: Inputs }[],
  usage: Usage = USAGE,
): Estimate {
  const notes: string[] = [];
  const schedule = config.scheduleExpression;
  const invocations = schedule.kind === "rate" ? (usage.hoursPerMonth * 3600 * 1000) / schedule.periodMs : 0;
  if (schedule.kind !== "rate")
    notes.push(`a cron schedule's invocations are not estimated: ${schedule.expression}`);
  const beers =
    config.ingestMode === "catalogue"
      ? usage.catalogueBeers[config.sourceContract]
      : config.beersPerInvocation;
  const context = { config, usage, invocations, records: invocations * beers };
  const lines: CostLine[] = [];
  for (const type of RESOURCE_TYPES) {
    const mine = declared.filter((r) => r.type === type.token);
    if (!type.price || mine.length === 0) continue;
    const priced = type.price(mine, context);
    lines.push(...priced.lines.map((l) => ({ ...l, usd: l.quantity * PRICES.prices[l.price].usd })));
    notes.push(...(priced.notes ?? []));
  }
  // A service not in the list (a type priced later) comes after those that are, in the registry's order.
  const place = (service: string) =>
    SERVICES.includes(service) ? SERVICES.indexOf(service) : SERVICES.length;
  lines.sort((x, y) => place(x.service) - place(y.service));
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
