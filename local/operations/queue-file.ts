/**
 * The local failure queue (a JSON-lines file, local/runner/realisers/queue.ts) as a FailureQueue: each line
 * a message, known by its line number. Removals are only collected: what is left is written back when the
 * caller commits, once the records the redrive landed are in place.
 */
import fs from "fs";
import type { FailureQueue, QueueMessage } from "./redrive-queue";

export class QueueFile implements FailureQueue {
  private readonly lines: string[];
  private readonly removed = new Set<string>();
  private received = false;

  constructor(readonly file: string) {
    this.lines = fs.existsSync(file)
      ? fs
          .readFileSync(file, "utf8")
          .split("\n")
          .filter((l) => l.trim() !== "")
      : [];
  }

  async receive(): Promise<QueueMessage[]> {
    if (this.received) return [];
    this.received = true;
    return this.lines.map((body, i) => {
      const id = String(i + 1);
      // A line is deleted by its number: the id and the receipt are the same.
      return { id, receipt: id, body };
    });
  }

  async remove(message: QueueMessage): Promise<void> {
    this.removed.add(message.id);
  }

  /** The messages not removed. */
  get remaining(): string[] {
    return this.lines.filter((_, i) => !this.removed.has(String(i + 1)));
  }

  /** Writes the messages not removed back to `file` (the queue's own by default). */
  commit(file = this.file): void {
    const left = this.remaining;
    fs.writeFileSync(file, left.length ? `${left.join("\n")}\n` : "");
  }
}
