/**
 * The part of CloudWatch metric math the stacks' alarms use, evaluated for one period: numbers, query ids,
 * + - * /, comparisons (> < >= <= == !=, 1 or 0), parentheses and IF(condition, then, else). A query with
 * no datapoint in the period makes the expression's value missing, as CloudWatch leaves it out.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
type Value = number | undefined;

export function evaluateExpression(expression: string, vars: Record<string, Value>): Value {
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
  const both = (a: Value, b: Value, f: (x: number, y: number) => number): Value =>
    a === undefined || b === undefined ? undefined : f(a, b);
  const comparison = (): Value => {
    let left = sum();
    while (["<", ">", "<=", ">=", "==", "!="].includes(peek())) {
      const op = take();
      const right = sum();
      left = both(left, right, (x, y) =>
        Number(
          { "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y, "==": x === y, "!=": x !== y }[op as "<"],
        ),
      );
    }
    return left;
  };
  const sum = (): Value => {
    let left = product();
    while (peek() === "+" || peek() === "-") {
      const op = take();
      const right = product();
      left = both(left, right, (x, y) => (op === "+" ? x + y : x - y));
    }
    return left;
  };
  const product = (): Value => {
    let left = unary();
    while (peek() === "*" || peek() === "/") {
      const op = take();
      const right = unary();
      left = both(left, right, (x, y) => (op === "*" ? x * y : x / y));
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === "-") {
      take();
      const v = unary();
      return v === undefined ? undefined : -v;
    }
    return primary();
  };
  const primary = (): Value => {
    const token = take();
    if (token === undefined) throw new Error(`metric math: "${expression}" ends too soon`);
    if (token === "(") {
      const v = comparison();
      take(")");
      return v;
    }
    if (/^\d/.test(token)) return Number(token);
    if (token.toUpperCase() === "IF" && peek() === "(") {
      take("(");
      const condition = comparison();
      take(",");
      const then = comparison();
      take(",");
      const otherwise = comparison();
      take(")");
      return condition === undefined ? undefined : condition !== 0 ? then : otherwise;
    }
    if (!(token in vars)) throw new Error(`metric math: unknown id "${token}" in "${expression}"`);
    return vars[token];
  };
  const value = comparison();
  if (i !== t.length) throw new Error(`metric math: unexpected "${t[i]}" in "${expression}"`);
  return value;
}
