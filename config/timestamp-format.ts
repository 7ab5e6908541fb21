/**
 * Formats an instant with a Java DateTimeFormatter pattern, in UTC, for the letters Firehose prefixes use:
 * how Firehose evaluates `!{timestamp:...}`, and how a partition projection's range is written.
 */
import { patternTokens } from "./firehose-prefix";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function dayOfYear(d: Date): number {
  return (
    Math.floor(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
        86_400_000,
    ) + 1
  );
}

/** A Java DateTimeFormatter pattern, in UTC, for the letters Firehose prefixes use. */
export function formatTimestamp(pattern: string, at: Date): string {
  const hour = at.getUTCHours();
  return patternTokens(pattern)
    .map((token) => {
      if (token.kind === "literal") return token.text;
      const n = token.width;
      switch (token.letter) {
        case "y":
        case "u":
          return n === 2 ? pad(at.getUTCFullYear() % 100, 2) : pad(at.getUTCFullYear(), n);
        case "M":
          return pad(at.getUTCMonth() + 1, n);
        case "d":
          return pad(at.getUTCDate(), n);
        case "D":
          return pad(dayOfYear(at), n);
        case "H":
          return pad(hour, n);
        case "h":
          return pad(hour % 12 === 0 ? 12 : hour % 12, n);
        case "a":
          return hour < 12 ? "AM" : "PM";
        case "m":
          return pad(at.getUTCMinutes(), n);
        case "s":
          return pad(at.getUTCSeconds(), n);
        case "S":
          return pad(at.getUTCMilliseconds(), 3).slice(0, n).padEnd(n, "0");
        default:
          throw new Error(`timestamp pattern letter "${token.letter}" is not supported`);
      }
    })
    .join("");
}
