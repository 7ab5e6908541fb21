/**
 * A parser for the subset of AWS Glue's Data Quality Definition Language (DQDL) this project evaluates
 * locally (quality/sql.ts): a `Rules = [ ... ]` list of the rule types in RULE_TYPES, each with the
 * condition its type takes. Anything else a Glue ruleset may hold is refused by name with its line and
 * column (another rule type, a `where` clause, a threshold, labels, composite rules, other sections), and
 * a syntax error names where it is, so that no rule is deployed that the local check would skip.
 *
 * Grammar and meaning from the DQDL reference, https://docs.aws.amazon.com/glue/latest/dg/dqdl.html, and its
 * published grammar (awslabs/dqdl, DataQualityDefinitionLanguage.g4): rule types are case-sensitive, `#`
 * starts a comment to the end of the line, quoted strings escape `\"` and `\\`.
 */

export interface Position {
  line: number;
  column: number;
}

/** A ruleset this parser cannot take: where, and why. */
export class DqdlError extends Error {
  override name = "DqdlError";
  constructor(
    readonly at: Position,
    readonly reason: string,
    source: string,
  ) {
    super(`${source}:${at.line}:${at.column}: ${reason}`);
  }
}

export type NumberCondition =
  | { kind: "number"; op: "between" | "not between"; low: number; high: number }
  | { kind: "number"; op: ">" | ">=" | "<" | "<=" | "=" | "!="; value: number }
  | { kind: "number"; op: "in" | "not in"; values: number[] };

export type StringCondition =
  | { kind: "string"; op: "matches" | "not matches"; pattern: string }
  | { kind: "string"; op: "=" | "!="; value: string }
  | { kind: "string"; op: "in" | "not in"; values: string[] };

export type Condition = NumberCondition | StringCondition;

/**
 * The rule types translated, with what each takes: how many columns, and which condition (none for the
 * boolean ones, a number for the metric ones, either for ColumnValues).
 */
export const RULE_TYPES = {
  RowCount: { columns: "none", condition: "number" },
  IsComplete: { columns: "one", condition: "none" },
  Completeness: { columns: "one", condition: "number" },
  IsUnique: { columns: "some", condition: "none" },
  Uniqueness: { columns: "some", condition: "number" },
  ColumnValues: { columns: "one", condition: "any" },
} as const;

export type RuleType = keyof typeof RULE_TYPES;

export interface Rule {
  /** The rule as written (comments and line breaks inside it collapsed to one space). */
  text: string;
  type: RuleType;
  columns: string[];
  condition?: Condition;
  at: Position;
}

type TokenKind = "word" | "number" | "string" | "symbol" | "end";

interface Token {
  kind: TokenKind;
  value: string;
  at: Position;
  start: number;
  end: number;
}

// Braces and colons lex so that a Metadata or DataSources section is refused by name, not as a stray character.
const SYMBOLS = [">=", "<=", "!=", "=", ">", "<", "[", "]", "(", ")", ",", "-", "{", "}", ":"];

function tokenize(text: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (offset: number): Position => ({ line, column: offset - lineStart + 1 });
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === '"') {
      const start = i;
      let value = "";
      i++;
      for (;;) {
        if (i === text.length || text[i] === "\n")
          throw new DqdlError(at(start), "a quoted string is not closed on its line", source);
        if (text[i] === '"') break;
        if (text[i] === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) i++;
        value += text[i++];
      }
      i++;
      tokens.push({ kind: "string", value, at: at(start), start, end: i });
    } else if (/[A-Za-z0-9_.]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_.]/.test(text[i])) i++;
      const value = text.slice(start, i);
      // DQDL's numbers are digits with an optional fraction; any other run of these characters is a word.
      tokens.push({
        kind: /^\d+(\.\d+)?$/.test(value) ? "number" : "word",
        value,
        at: at(start),
        start,
        end: i,
      });
    } else {
      const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
      if (!symbol) throw new DqdlError(at(i), `unexpected character ${JSON.stringify(c)}`, source);
      tokens.push({ kind: "symbol", value: symbol, at: at(i), start: i, end: i + symbol.length });
      i += symbol.length;
    }
  }
  tokens.push({ kind: "end", value: "the end of the ruleset", at: at(i), start: i, end: i });
  return tokens;
}

const shown = (t: Token) => (t.kind === "end" ? t.value : `"${t.value}"`);

/** Parses a DQDL ruleset of the supported subset; `source` names it in errors (a file name). */
export function parseRuleset(text: string, source = "ruleset"): Rule[] {
  const tokens = tokenize(text, source);
  let p = 0;
  const peek = () => tokens[p];
  const fail = (t: Token, reason: string): never => {
    throw new DqdlError(t.at, reason, source);
  };
  const expect = (value: string): Token => {
    const t = peek();
    if (t.kind === "string" || t.value !== value) fail(t, `expected "${value}", found ${shown(t)}`);
    p++;
    return t;
  };
  const isSymbol = (value: string) => peek().kind === "symbol" && peek().value === value;
  const isWord = (value: string) => peek().kind === "word" && peek().value === value;

  const number = (): number => {
    const negative = isSymbol("-");
    if (negative) p++;
    const t = peek();
    if (t.kind !== "number") fail(t, `expected a number, found ${shown(t)}`);
    p++;
    return negative ? -Number(t.value) : Number(t.value);
  };
  const quoted = (): string => {
    const t = peek();
    if (t.kind !== "string") fail(t, `expected a quoted string, found ${shown(t)}`);
    p++;
    return t.value;
  };
  const list = <T>(item: () => T): T[] => {
    expect("[");
    const items = [item()];
    while (isSymbol(",")) {
      p++;
      items.push(item());
    }
    expect("]");
    return items;
  };

  const condition = (allowed: "number" | "any"): Condition | undefined => {
    const negated = isWord("not");
    if (negated) p++;
    const op = peek();
    const prefix = negated ? "not " : "";
    if (isWord("between")) {
      p++;
      const low = number();
      // DQDL's AND token is "and" or "AND".
      if (isWord("AND")) p++;
      else expect("and");
      const high = number();
      return { kind: "number", op: `${prefix}between` as "between" | "not between", low, high };
    }
    if (isWord("in")) {
      p++;
      const first = tokens[p + 1];
      if (allowed === "any" && first?.kind === "string")
        return { kind: "string", op: `${prefix}in` as "in" | "not in", values: list(quoted) };
      return { kind: "number", op: `${prefix}in` as "in" | "not in", values: list(number) };
    }
    if (isWord("matches")) {
      if (allowed !== "any") fail(op, `"matches" applies to ColumnValues only`);
      p++;
      return { kind: "string", op: `${prefix}matches` as "matches" | "not matches", pattern: quoted() };
    }
    if (negated) fail(op, `expected "between", "in" or "matches" after "not", found ${shown(op)}`);
    const compare = ([">", ">=", "<", "<=", "=", "!="] as const).find((s) => isSymbol(s));
    if (compare) {
      p++;
      if ((compare === "=" || compare === "!=") && peek().kind === "string") {
        if (allowed !== "any") fail(peek(), `expected a number, found ${shown(peek())}`);
        return { kind: "string", op: compare, value: quoted() };
      }
      return { kind: "number", op: compare, value: number() };
    }
    return undefined;
  };

  /** What DQDL allows after a rule that this subset refuses, by name. */
  const refuseExtras = () => {
    const t = peek();
    if (t.kind === "word" && t.value === "where")
      fail(t, "a where clause is not supported (the local check translates whole-table rules only)");
    if (t.kind === "word" && t.value === "with") fail(t, `"with" (a threshold or a tag) is not supported`);
    if (t.kind === "word" && t.value === "labels") fail(t, "labels are not supported");
    if (t.kind === "word" && (t.value === "and" || t.value === "or" || t.value === "AND" || t.value === "OR"))
      fail(t, `composite rules ("${t.value}") are not supported`);
  };

  const rule = (): Rule => {
    const head = peek();
    if (isSymbol("(")) fail(head, "composite rules (parentheses, and, or) are not supported");
    if (head.kind !== "word") fail(head, `expected a rule type, found ${shown(head)}`);
    if (!Object.hasOwn(RULE_TYPES, head.value))
      fail(
        head,
        `rule type ${head.value} is not supported here (supported: ${Object.keys(RULE_TYPES).join(", ")})`,
      );
    p++;
    const type = head.value as RuleType;
    const shape = RULE_TYPES[type];
    const columns: string[] = [];
    while (peek().kind === "string") columns.push(quoted());
    const count = columns.length;
    if (shape.columns === "none" && count > 0) fail(head, `${type} takes no column, got ${count}`);
    if (shape.columns === "one" && count !== 1) fail(head, `${type} takes one column, got ${count}`);
    if (shape.columns === "some" && count === 0) fail(head, `${type} takes at least one column`);
    const cond = shape.condition === "none" ? undefined : condition(shape.condition);
    if (shape.condition !== "none" && !cond)
      fail(peek(), `${type} needs a condition (such as "> 0"), found ${shown(peek())}`);
    refuseExtras();
    const last = tokens[p - 1];
    const written = text
      .slice(head.start, last.end)
      .replace(/#[^\n]*/g, "")
      .replace(/\s+/g, " ");
    return { text: written, type, columns, ...(cond ? { condition: cond } : {}), at: head.at };
  };

  const first = peek();
  if (first.kind === "word" && ["Metadata", "DataSources", "Analyzers"].includes(first.value))
    fail(first, `the ${first.value} section is not supported`);
  expect("Rules");
  expect("=");
  expect("[");
  const rules = [rule()];
  while (isSymbol(",")) {
    p++;
    rules.push(rule());
  }
  expect("]");
  if (peek().kind !== "end") fail(peek(), `expected the end of the ruleset, found ${shown(peek())}`);
  return rules;
}
