/**
 * The part of CloudWatch metric math the stacks' alarms use, evaluated for one period: numbers, query ids,
 * + - * /, comparisons (> < >= <= == !=, 1 or 0), parentheses and IF(condition, then, else), with what the
 * documentation says of missing data (Using metric math: "Basic arithmetic functions", "Comparison and
 * logical operators", "Using IF expressions"). A query's value in the period is a datapoint of its time
 * series, or missing; a number written in the expression is a scalar. Beside another series that has a
 * datapoint, a missing one counts as 0 ("Missing values in a time series are treated as 0"); with no
 * datapoint in either, or beside a scalar, the result has none. Dividing by zero drops the datapoint. IF
 * has no datapoint where its condition has none; a true condition takes its then-series' datapoint, 0
 * where that has none; a false one its else-series' datapoint, none where that has none.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
interface Value {
  /** Whether it is a time series' datapoint (a query's, or computed from one), not a scalar. */
  series: boolean;
  /** Missing (a series only) when the series has no datapoint in the period. */
  v: number | undefined;
}

export function evaluateExpression(
  expression: string,
  vars: Record<string, number | undefined>,
): number | undefined {
  const tokens = expression.match(/\s*(\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|>=|<=|==|!=|[-+*/(),<>])/g);
  if (!tokens || tokens.join("").replace(/\s/g, "") !== expression.replace(/\s/g, ""))
    throw new Error(`metric math: cannot read "${expression}"`);
  const t = tokens.map((x) => x.trim());
  let i = 0;
  const peek = () => t[i];
  const take = (want?: string) => {
    const got = t[i++];
    if (want !== undefined && got !== want)
      throw new Error(`metric math: expected ${want} in "${expression}"`);
    return got;
  };
  const has = (x: Value) => x.series && x.v !== undefined;
  const both = (a: Value, b: Value, f: (x: number, y: number) => number | undefined): Value => ({
    series: a.series || b.series,
    v: (a.v !== undefined || has(b)) && (b.v !== undefined || has(a)) ? f(a.v ?? 0, b.v ?? 0) : undefined,
  });
  const OPERATIONS: Record<string, (x: number, y: number) => number | undefined> = {
    "<": (x, y) => Number(x < y),
    ">": (x, y) => Number(x > y),
    "<=": (x, y) => Number(x <= y),
    ">=": (x, y) => Number(x >= y),
    "==": (x, y) => Number(x === y),
    "!=": (x, y) => Number(x !== y),
    "+": (x, y) => x + y,
    "-": (x, y) => x - y,
    "*": (x, y) => x * y,
    "/": (x, y) => (y === 0 ? undefined : x / y),
  };
  /** Operands joined by the operators of one precedence level, left to right. */
  const level =
    (operators: string[], operand: () => Value): (() => Value) =>
    () => {
      let left = operand();
      while (operators.includes(peek())) {
        const op = take();
        left = both(left, operand(), OPERATIONS[op]);
      }
      return left;
    };
  const unary = (): Value => {
    if (peek() === "-") {
      take();
      const x = unary();
      return { series: x.series, v: x.v === undefined ? undefined : -x.v };
    }
    return primary();
  };
  const product = level(["*", "/"], unary);
  const sum = level(["+", "-"], product);
  const comparison = level(["<", ">", "<=", ">=", "==", "!="], sum);
  const primary = (): Value => {
    const token = take();
    if (token === undefined) throw new Error(`metric math: "${expression}" ends too soon`);
    if (token === "(") {
      const x = comparison();
      take(")");
      return x;
    }
    if (/^\d/.test(token)) return { series: false, v: Number(token) };
    if (peek() === "(") {
      if (token !== "IF")
        throw new Error(`metric math: function ${token} is not evaluated locally, in "${expression}"`);
      take("(");
      const condition = comparison();
      take(",");
      const then = comparison();
      take(",");
      const otherwise = comparison();
      take(")");
      if (condition.v === undefined) return condition;
      const series = condition.series || then.series || otherwise.series;
      if (condition.v === 0) return { series, v: otherwise.v };
      return { series, v: then.v ?? (condition.series ? 0 : undefined) };
    }
    if (!(token in vars)) throw new Error(`metric math: unknown id "${token}" in "${expression}"`);
    return { series: true, v: vars[token] };
  };
  const value = comparison();
  if (i !== t.length) throw new Error(`metric math: unexpected "${t[i]}" in "${expression}"`);
  return value.v;
}
