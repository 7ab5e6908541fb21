/**
 * The shape of a resource type's price lines: from the stack's configuration, what use the estimate
 * assumes (cost/usage.ts) and the resources of the type the program declares, quantities priced by a key
 * of cost/prices-us-east-1.json. cost/estimate.ts gathers them from every type.
 */
import type { StackConfig } from "../config/stack-config";
import type { Contract, IngestMode } from "../handler/contract";
import type { Inputs } from "./inputs";
import type PRICES from "../cost/prices-us-east-1.json";

export type PriceKey = keyof typeof PRICES.prices;

/** What the estimate assumes about use, beside the configuration (the figures: cost/usage.ts). */
export interface Usage {
  recordBytes: number;
  rawStoredBytes: number;
  curatedStoredBytes: number;
  catalogueBeers: Record<Contract, number>;
  durationMs: Record<IngestMode, number>;
  logBytesPerInvocation: number;
  streamConsumers: number;
  hoursPerMonth: number;
}

export interface PriceContext {
  config: StackConfig;
  usage: Usage;
  /** Invocations of the function a month (0 for a cron schedule, which is not estimated). */
  invocations: number;
  /** Records a month: invocations times the beers each writes. */
  records: number;
}

export interface PriceLine {
  service: string;
  item: string;
  quantity: number;
  price: PriceKey;
}

export interface Priced {
  lines: PriceLine[];
  notes?: string[];
}

/** The price lines of the declared resources of one type (called only when there is at least one). */
export type Pricing = (declared: readonly { inputs: Inputs }[], ctx: PriceContext) => Priced;

export const GB = 1024 ** 3;

/** Bytes rounded up to the step a service bills in (Kinesis 1 KB or 25 KB, Firehose 5 KB). */
export const ceilTo = (bytes: number, unit: number) => Math.ceil(bytes / unit) * unit;

export function line(service: string, item: string, quantity: number, price: PriceKey): PriceLine {
  return { service, item, quantity, price };
}
