/**
 * Faults the stand-in can inject, in a plan consumed request by request: each entry affects the next
 * `times` requests (all of them when `times` is omitted), in order. Latency is separate and applies to
 * every response.
 */
export const FAULTS = [
  // No fault: the request is answered as usual ("none:2,reset" serves two requests, then resets the rest).
  "none",
  "5xx",
  "429",
  "404",
  "reset",
  "hang",
  "malformed",
  "truncated",
  "html",
  "wrong-shape",
] as const;

export type Fault = (typeof FAULTS)[number];

export interface FaultStep {
  fault: Fault;
  times?: number;
}

export function isFault(value: string): value is Fault {
  return (FAULTS as readonly string[]).includes(value);
}

export class FaultPlan {
  private steps: { fault: Fault; left: number }[] = [];

  set(steps: FaultStep[]): void {
    this.steps = steps.map((s) => ({ fault: s.fault, left: s.times ?? Infinity }));
  }

  /** The fault for the next request, if any; consumes one use of it. */
  take(): Fault | undefined {
    const step = this.steps.find((s) => s.left > 0);
    if (!step) return undefined;
    step.left--;
    return step.fault;
  }
}

/** Parses the CLI form "5xx:3,hang:1,html" (no count = every request). */
export function parseFaultList(text: string): FaultStep[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, count] = part.split(":");
      if (!isFault(name)) throw new Error(`unknown fault "${name}"; known: ${FAULTS.join(", ")}`);
      if (count === undefined) return { fault: name };
      if (!/^\d+$/.test(count))
        throw new Error(`fault "${name}": count must be a whole number, got "${count}"`);
      return { fault: name, times: Number(count) };
    });
}
