/**
 * Metric math as a local alarm evaluates it, one period (timestamp) at a time, against CloudWatch's
 * documentation (Using metric math): the comparison operators' table, the IF tables, missing values in
 * arithmetic ("treated as 0"), division by zero ("the data point is dropped"), functions in uppercase;
 * and by hand, precedence and the errors it names. `undefined` is a query with no datapoint then.
 */
import { expect } from "chai";
import { evaluateExpression } from "../../local/stand-ins/alarms/metric-math";

/** The expression's values over a table's timestamps, `-` where it has none. */
const series = (expression: string, columns: Record<string, (number | "-")[]>) =>
  Object.values(columns)[0].map((_, k) => {
    const vars = Object.fromEntries(
      Object.entries(columns).map(([id, c]) => [id, c[k] === "-" ? undefined : c[k]]),
    );
    return evaluateExpression(expression, vars) ?? "-";
  });

describe("metric math, as the documentation's tables give it", () => {
  it("compares two series, a missing value beside one there as 0, and a series with a scalar", () => {
    const columns: Record<string, (number | "-")[]> = {
      metric1: [30, 20, 0, 0],
      metric2: [20, "-", 20, "-"],
    };
    expect(series("(metric1 < metric2)", columns)).to.deep.equal([0, 0, 1, 0]);
    expect(series("(metric1 >= 30)", columns)).to.deep.equal([1, 0, 0, 0]);
  });

  it("IF(metric1, metric2, metric3): 0 for a true condition's missing value, none for a false one's", () => {
    const columns: Record<string, (number | "-")[]> = {
      metric1: [1, 1, 0, 0, "-"],
      metric2: [30, "-", 0, 0, 30],
      metric3: [0, 0, 20, "-", 20],
    };
    expect(series("IF(metric1, metric2, metric3)", columns)).to.deep.equal([30, 0, 20, "-", "-"]);
    expect(series("IF(metric1, 5, metric3)", columns)).to.deep.equal([5, 5, 20, "-", "-"]);
    expect(series("IF(metric1, metric2, 5)", columns)).to.deep.equal([30, 0, 5, 5, "-"]);
  });

  it("IF(scalar, metric2, metric3) takes one series or the other, as it is", () => {
    const columns: Record<string, (number | "-")[]> = { metric2: [30, "-"], metric3: ["-", 20] };
    expect(series("IF(1, metric2, metric3)", columns)).to.deep.equal([30, "-"]);
    expect(series("IF(0, metric2, metric3)", columns)).to.deep.equal(["-", 20]);
  });

  it("treats a missing value as 0 beside a series that has one, and has none beside a scalar or none", () => {
    expect(evaluateExpression("m1 - m2", { m1: 7, m2: undefined })).to.equal(7);
    expect(evaluateExpression("m1 - m2", { m1: undefined, m2: 7 })).to.equal(-7);
    expect(evaluateExpression("m1 - m2", { m1: undefined, m2: undefined })).to.equal(undefined);
    expect(evaluateExpression("5 * m1", { m1: undefined })).to.equal(undefined);
    expect(evaluateExpression("m1 * 5", { m1: undefined })).to.equal(undefined);
    expect(evaluateExpression("-m1", { m1: undefined })).to.equal(undefined);
    expect(evaluateExpression("-m1", { m1: 4 })).to.equal(-4);
    // A result with no datapoint is missing in turn: 5 * m1 has none, m2 has one.
    expect(evaluateExpression("5 * m1 + m2", { m1: undefined, m2: 3 })).to.equal(3);
    expect(evaluateExpression("-m1 + m2", { m1: undefined, m2: 3 })).to.equal(3);
    expect(evaluateExpression("m1 == m2", { m1: undefined, m2: 0 })).to.equal(1);
  });

  it("keeps a scalar computed from scalars a scalar, and IF a series if one of its arguments is", () => {
    expect(evaluateExpression("m1 * (2 + 3)", { m1: undefined })).to.equal(undefined);
    expect(evaluateExpression("IF(1, 2, 3) * m1", { m1: undefined })).to.equal(undefined);
    // A series' datapoint beside a missing one: m2 counts as 0.
    expect(evaluateExpression("IF(m1, 1, 0) + m2", { m1: 2, m2: undefined })).to.equal(1);
    expect(evaluateExpression("IF(1, m1, 2) + m2", { m1: 5, m2: undefined })).to.equal(5);
    expect(evaluateExpression("IF(0, 2, m1) + m2", { m1: 5, m2: undefined })).to.equal(5);
  });

  it("drops the datapoint of a division by zero", () => {
    expect(evaluateExpression("m1 / m2", { m1: 3, m2: 0 })).to.equal(undefined);
    expect(evaluateExpression("m1 / 0", { m1: 3 })).to.equal(undefined);
    expect(evaluateExpression("m1 / m2", { m1: 0, m2: 4 })).to.equal(0);
    expect(evaluateExpression("m1 / m2", { m1: undefined, m2: 4 })).to.equal(0);
  });

  it("has no datapoint where IF's condition has none, nor one for a false condition's missing value", () => {
    expect(evaluateExpression("IF(m1 > 0, 1, 0)", { m1: undefined })).to.equal(undefined);
    expect(evaluateExpression("IF(m1 > 0, 1, 0)", { m1: 0 })).to.equal(0);
    expect(evaluateExpression("IF(m1 > 0, 1, 0)", { m1: -2 })).to.equal(0);
    expect(evaluateExpression("IF(m1, 1, 0)", { m1: -2 })).to.equal(1);
    expect(evaluateExpression("IF(m1 > 0, m2, 0)", { m1: 2, m2: undefined })).to.equal(0);
    expect(evaluateExpression("IF(m1 > 0, 1, m2)", { m1: 0, m2: undefined })).to.equal(undefined);
    // The alarm's own: 100 * rejected has none, then counts as 0 beside fetched.
    const percent = "IF(fetched > 0, 100 * rejected / fetched, 0)";
    expect(evaluateExpression(percent, { fetched: 4, rejected: 1 })).to.equal(25);
    expect(evaluateExpression(percent, { fetched: 4, rejected: undefined })).to.equal(0);
    expect(evaluateExpression(percent, { fetched: 0, rejected: 0 })).to.equal(0);
    expect(evaluateExpression(percent, { fetched: undefined, rejected: 1 })).to.equal(undefined);
  });
});

describe("metric math, worked by hand", () => {
  it("gives each comparison 1 or 0, below, at and above", () => {
    const at = (op: string) => [1, 2, 3].map((x) => evaluateExpression(`x ${op} 2`, { x }));
    expect(at("<")).to.deep.equal([1, 0, 0]);
    expect(at(">")).to.deep.equal([0, 0, 1]);
    expect(at("<=")).to.deep.equal([1, 1, 0]);
    expect(at(">=")).to.deep.equal([0, 1, 1]);
    expect(at("==")).to.deep.equal([0, 1, 0]);
    expect(at("!=")).to.deep.equal([1, 0, 1]);
  });

  it("computes * and / before + and -, those before comparisons, each level left to right", () => {
    expect(evaluateExpression("1 + 2 * 3", {})).to.equal(7);
    expect(evaluateExpression("(1 + 2) * 3 - -1", {})).to.equal(10);
    expect(evaluateExpression("10 - 4 - 3", {})).to.equal(3);
    expect(evaluateExpression("12 / 3 / 2", {})).to.equal(2);
    expect(evaluateExpression("2 * 3 / 4", {})).to.equal(1.5);
    expect(evaluateExpression("1 + 2 > 2", {})).to.equal(1);
    expect(evaluateExpression("3 > 2 == 1", {})).to.equal(1);
    expect(evaluateExpression("m1 / m2", { m1: 3, m2: 4 })).to.equal(0.75);
    expect(evaluateExpression("1.25 * 4", {})).to.equal(5);
    expect(evaluateExpression("m1 + m22", { m1: 1, m22: 2 })).to.equal(3);
    expect(evaluateExpression(" m1*2 ", { m1: 1 })).to.equal(2);
  });

  it("refuses what it cannot read, naming it", () => {
    expect(() => evaluateExpression("a + x", { a: 1 })).to.throw('metric math: unknown id "x" in "a + x"');
    expect(() => evaluateExpression("1 + ", {})).to.throw('metric math: "1 + " ends too soon');
    expect(() => evaluateExpression("1 2", {})).to.throw('metric math: unexpected "2" in "1 2"');
    expect(() => evaluateExpression("1 $ 2", {})).to.throw('metric math: cannot read "1 $ 2"');
    expect(() => evaluateExpression("(1 + 2", {})).to.throw('metric math: expected ) in "(1 + 2"');
    expect(() => evaluateExpression("IF(1 2, 3)", {})).to.throw('metric math: expected , in "IF(1 2, 3)"');
    expect(() => evaluateExpression("IF(1, 2 3)", {})).to.throw('metric math: expected , in "IF(1, 2 3)"');
    expect(() => evaluateExpression("IF(1, 2, 3", {})).to.throw('metric math: expected ) in "IF(1, 2, 3"');
  });

  it("evaluates IF only, in uppercase as the documentation writes every function", () => {
    expect(() => evaluateExpression("FILL(m1, 0)", { m1: 1 })).to.throw(
      'metric math: function FILL is not evaluated locally, in "FILL(m1, 0)"',
    );
    expect(() => evaluateExpression("if(m1, 1, 0)", { m1: 1 })).to.throw(
      'metric math: function if is not evaluated locally, in "if(m1, 1, 0)"',
    );
  });
});
