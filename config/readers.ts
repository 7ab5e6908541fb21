/**
 * Readers of configuration values: each turns the text of one key into a typed value or throws an error
 * naming the key, and says in words what it accepts (the rule the docs print). The pipeline's and the
 * bootstrap's configurations are both read with these.
 */
import { stackConfigError } from "./errors";

/** The type Pulumi.yaml declares for a key. */
export type KeyType = "string" | "integer" | "boolean";

export interface Reader<T> {
  type: KeyType;
  /** What a valid value is, in words ("1 to 500", "GZIP or UNCOMPRESSED"). */
  rule: string;
  read(text: string, key: string): T;
}

export function integer(min: number, max: number, allowed?: readonly number[]): Reader<number> {
  return {
    type: "integer",
    rule: allowed ? `one of ${allowed.join(", ")}` : `${min} to ${max}`,
    read(text, key) {
      const value = text.trim();
      if (!/^-?\d+$/.test(value)) throw stackConfigError(key, `must be a whole number, got "${value}"`);
      const n = Number(value);
      if (n < min || n > max) throw stackConfigError(key, `must be between ${min} and ${max}, got ${n}`);
      if (allowed && !allowed.includes(n))
        throw stackConfigError(key, `must be one of ${allowed.join(", ")}, got ${n}`);
      return n;
    },
  };
}

export const boolean: Reader<boolean> = {
  type: "boolean",
  rule: "true or false",
  read(text, key) {
    const value = text.trim();
    if (value !== "true" && value !== "false")
      throw stackConfigError(key, `must be true or false, got "${value}"`);
    return value === "true";
  },
};

export function oneOf<const T extends string>(allowed: readonly T[]): Reader<T> {
  return {
    type: "string",
    rule:
      allowed.length > 1
        ? `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}`
        : allowed[0],
    read(text, key) {
      const value = text.trim();
      if (!(allowed as readonly string[]).includes(value))
        throw stackConfigError(key, `must be one of ${allowed.join(", ")}, got "${value}"`);
      return value as T;
    },
  };
}

/** Free text checked by `problem` (a reason it is not valid, or undefined), then turned into a value. */
export function freeText<T = string>(
  rule: string,
  problem: (value: string) => string | undefined,
  convert: (value: string) => T = (value) => value as unknown as T,
): Reader<T> {
  return {
    type: "string",
    rule,
    read(raw, key) {
      const why = problem(raw);
      if (why) throw stackConfigError(key, why);
      return convert(raw);
    },
  };
}

export const httpsUrl: Reader<string> = freeText(
  "an https URL",
  (value) => {
    try {
      if (new URL(value.trim()).protocol !== "https:")
        return `must use https (TLS only), got "${value.trim()}"`;
    } catch {
      return `must be an absolute URL, got "${value.trim()}"`;
    }
    return undefined;
  },
  (value) => value.trim().replace(/\/+$/, ""),
);

export const optionalEmail: Reader<string | undefined> = freeText(
  "an e-mail address, or empty",
  (value) =>
    value.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim())
      ? `must be an e-mail address or empty, got "${value.trim()}"`
      : undefined,
  (value) => value.trim() || undefined,
);

/** AWS region names, commercial and partitioned (us-gov-west-1, us-iso-east-1). */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** `aws:region`, which both programs need and neither declares (it is the AWS provider's). */
export function readRegion(raw: Record<string, string>): string {
  const region = raw["aws:region"];
  if (region === undefined || !REGION.test(region)) {
    throw stackConfigError(
      "aws:region",
      `must be an AWS region such as us-east-1, got ${region === undefined ? "nothing" : `"${region}"`}`,
    );
  }
  return region;
}

/** A comma-separated list, each item trimmed, empty items dropped. */
export function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
