/**
 * Firehose custom S3 prefixes (Firehose developer guide, "Custom prefixes for Amazon S3 objects"):
 * expressions are `!{namespace:value}` with namespace `timestamp` (a Java DateTimeFormatter pattern) or
 * `firehose` (`random-string`, or `error-output-type`, which only the error prefix may hold). A prefix
 * with expressions needs an error prefix, and an error prefix with expressions needs the error output type.
 */
export interface PrefixExpression {
  namespace: string;
  value: string;
}

/** The prefix split into literal text and expressions, or a reason it cannot be parsed. */
export function parsePrefix(prefix: string): (string | PrefixExpression)[] | { error: string } {
  const parts: (string | PrefixExpression)[] = [];
  let rest = prefix;
  while (rest.length) {
    const start = rest.indexOf("!{");
    if (start < 0) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf("}", start);
    if (end < 0) return { error: `unclosed expression at "${rest.slice(start)}"` };
    const body = rest.slice(start + 2, end);
    const colon = body.indexOf(":");
    if (colon < 0) return { error: `expression "!{${body}}" has no namespace (expected namespace:value)` };
    parts.push({ namespace: body.slice(0, colon), value: body.slice(colon + 1) });
    rest = rest.slice(end + 1);
  }
  return parts;
}

/** The DateTimeFormatter letters the local renderer implements, literal separators, and 'quoted text'. */
const TIMESTAMP_PATTERN = /^(?:[yuMdDHhmsSa]+|'[^']*'|[-_/.:= ])+$/;

/**
 * What Firehose appends to a `Prefix` that holds no timestamp expression (and what it uses for no prefix
 * at all): the arrival time as `yyyy/MM/dd/HH/`. An error prefix gets nothing appended.
 */
export const DEFAULT_TIME_PATTERN = "yyyy/MM/dd/HH/";

/** One piece of a DateTimeFormatter pattern: a field (a run of one letter) or literal text. */
export type PatternToken =
  | { kind: "field"; letter: string; width: number }
  | { kind: "literal"; text: string };

/** Splits a DateTimeFormatter pattern: runs of a letter are fields, 'quoted text' and other characters literal. */
export function patternTokens(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in timestamp pattern "${pattern}"`);
      literal(end === i + 1 ? "'" : pattern.slice(i + 1, end)); // '' is a quote
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let width = 1;
      while (pattern[i + width] === c) width++;
      tokens.push({ kind: "field", letter: c, width });
      i += width;
    } else {
      literal(c);
      i++;
    }
  }
  return tokens;
}

/** The prefix Firehose evaluates for data objects: the configured one, with the default time if it has none. */
export function effectivePrefix(prefix: string): string {
  return prefix.includes("!{timestamp:") ? prefix : `${prefix}!{timestamp:${DEFAULT_TIME_PATTERN}}`;
}

export function hasExpressions(prefix: string): boolean {
  return prefix.includes("!{");
}

/** Checks one prefix on its own; `role` says which of the two it is. */
/** Which of a delivery stream's prefixes a prefix is: its data's, or its errors'. */
export type PrefixRole = "prefix" | "errorPrefix";

export function prefixProblem(prefix: string, role: PrefixRole): string | undefined {
  if (prefix.startsWith("/")) return "must not start with a slash";
  if (prefix.length > 1024) return "must be at most 1024 characters";
  const parts = parsePrefix(prefix);
  if ("error" in parts) return parts.error;
  for (const part of parts) {
    if (typeof part === "string") continue;
    const text = `!{${part.namespace}:${part.value}}`;
    if (part.namespace === "timestamp") {
      if (!TIMESTAMP_PATTERN.test(part.value)) return `${text}: not a supported DateTimeFormatter pattern`;
    } else if (part.namespace === "firehose") {
      if (part.value === "error-output-type") {
        if (role === "prefix") return `${text} is allowed only in the error prefix`;
      } else if (part.value !== "random-string") {
        return `${text}: the firehose namespace has only random-string and error-output-type`;
      }
    } else {
      return `${text}: unknown namespace "${part.namespace}" (timestamp or firehose)`;
    }
  }
  if (role === "errorPrefix" && hasExpressions(prefix) && !prefix.includes("!{firehose:error-output-type}")) {
    return "an error prefix with expressions must include !{firehose:error-output-type}";
  }
  return undefined;
}

/**
 * The literal start of a prefix, before its first expression: what an IAM resource can name exactly
 * (`arn:aws:s3:::<bucket>/<static part>*`).
 */
export function staticPart(prefix: string): string {
  const start = prefix.indexOf("!{");
  return start < 0 ? prefix : prefix.slice(0, start);
}
