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

export function hasExpressions(prefix: string): boolean {
  return prefix.includes("!{");
}

/** Checks one prefix on its own; `role` says which of the two it is. */
export function prefixProblem(prefix: string, role: "prefix" | "errorPrefix"): string | undefined {
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

/** Checks the pair: a prefix with expressions needs an error prefix. */
export function prefixPairProblem(
  prefix: string,
  errorPrefix: string,
): { key: "prefix" | "errorPrefix"; problem: string } | undefined {
  const own = prefixProblem(prefix, "prefix");
  if (own) return { key: "prefix", problem: own };
  const error = prefixProblem(errorPrefix, "errorPrefix");
  if (error) return { key: "errorPrefix", problem: error };
  if (hasExpressions(prefix) && errorPrefix === "") {
    return { key: "errorPrefix", problem: "is required when the prefix holds expressions" };
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
