/**
 * What `npm start` shows while a run goes: on a terminal, one live line (invocations, beers, records,
 * objects, time) with events printed above it; otherwise one line per thing that happened. Long waits are
 * said: when the next scheduled invocation is far off, an attempt that runs on, events waiting for a container.
 */
import type { LocalRunEvent } from "./events";
import type { LocalStackRun } from "./local-stack";

const seconds = (ms: number) =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private readonly tty = Boolean(process.stdout.isTTY);
  private run!: LocalStackRun;

  attach(run: LocalStackRun): void {
    this.run = run;
  }

  line(): string {
    const c = this.run.counts;
    const d = this.run.delivered;
    const invocations = c.scheduled
      ? `invocations ${c.succeeded} of ${c.scheduled} ok${c.toFailureQueue ? `, ${c.toFailureQueue} failed` : ""}`
      : "waiting for the first invocation";
    return `  ${invocations} · beers written ${c.written} · records delivered ${d.recordsDelivered} · objects ${d.objects} · ${seconds(this.run.elapsedMs)}`;
  }

  start(): void {
    if (this.tty) this.timer = setInterval(() => process.stdout.write(`\r\x1b[2K${this.line()}`), 200);
  }

  private say(text: string): void {
    if (this.tty) process.stdout.write(`\r\x1b[2K  ${text}\n`);
    else console.log(`  ${text}`);
  }

  event(e: LocalRunEvent): void {
    switch (e.kind) {
      case "next-invocation":
        return this.say(`next scheduled invocation in ${seconds(e.inMs)}`);
      case "slow-attempt":
        return this.say(`${e.function}: an invocation has been running for ${seconds(e.waitedMs)}`);
      case "queued":
        return this.say(`${e.function}: at its concurrency limit, ${e.waiting} waiting for a container`);
      case "error":
        return this.say(`error: ${e.message}`);
      case "failure-destination":
        return this.say(`event sent to the failure queue ${e.queue}: ${e.error}`);
    }
    // On a terminal the live line counts the rest; otherwise one line each.
    if (this.tty) return;
    if (e.kind === "attempt") {
      const s = e.summary;
      this.say(
        `invocation ${e.ok ? "ok" : "FAILED"}${e.attempt ? ` (retry ${e.attempt})` : ""}: ${s ? `fetched ${s.fetched}, written ${s.written}, rejected ${s.rejected}, ${s.durationMs} ms` : e.error}`,
      );
    } else if (e.kind === "object") {
      this.say(
        `object written: ${e.object.key} (${e.object.records === 1 ? "1 record" : `${e.object.records} records`})`,
      );
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) process.stdout.write(`\r\x1b[2K${this.line()}\n`);
  }
}
