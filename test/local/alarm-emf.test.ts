/**
 * Reading a log line as CloudWatch reads Embedded Metric Format, against the specification's own rules
 * (CloudWatch_Embedded_Metric_Format_Specification: `_aws.Timestamp` epoch ms, a non-empty
 * `CloudWatchMetrics`, Namespace 1–255 characters, at most 30 dimension keys and 100 metrics, the standard
 * units), and the metric log the local alarms read. Lines are written out here, not produced by the handler.
 */
import { expect } from "chai";
import { readEmf } from "../../local/stand-ins/alarms/emf";
import { MetricLog } from "../../local/stand-ins/alarms/metric-log";

const T = 1_764_900_000_000;
const line = (over: Record<string, unknown> = {}, directive: Record<string, unknown> = {}) => ({
  _aws: {
    Timestamp: T,
    CloudWatchMetrics: [
      {
        Namespace: "PunkapiConsumer",
        Dimensions: [["Stack"]],
        Metrics: [
          { Name: "BeersWritten", Unit: "Count" },
          { Name: "Duration", Unit: "Milliseconds" },
        ],
        ...directive,
      },
    ],
  },
  Stack: "test",
  BeersWritten: 4,
  Duration: 151.5,
  ...over,
});

describe("EMF as CloudWatch reads it", () => {
  it("records each metric once per dimension set, with its unit, value and the line's timestamp", () => {
    expect(readEmf(line())).to.deep.equal([
      {
        namespace: "PunkapiConsumer",
        dimensions: { Stack: "test" },
        name: "BeersWritten",
        unit: "Count",
        value: 4,
        timestamp: T,
      },
      {
        namespace: "PunkapiConsumer",
        dimensions: { Stack: "test" },
        name: "Duration",
        unit: "Milliseconds",
        value: 151.5,
        timestamp: T,
      },
    ]);
    const two = readEmf(
      line(
        { Fn: "ingest" },
        { Dimensions: [["Stack"], ["Stack", "Fn"], []], Metrics: [{ Name: "BeersWritten" }] },
      ),
    );
    expect(two.map((m) => m.dimensions)).to.deep.equal([
      { Stack: "test" },
      { Stack: "test", Fn: "ingest" },
      {},
    ]);
    expect(two[0].unit).to.equal(undefined);
  });

  it("accepts the limits themselves: 30 dimension keys, 100 metrics, names of 1 and 255 characters", () => {
    const keys = Array.from({ length: 30 }, (_, i) => `D${i}`);
    const dims = Object.fromEntries(keys.map((k) => [k, "v"]));
    const names = Array.from({ length: 100 }, (_, i) =>
      i === 0 ? "M" : i === 1 ? "N".repeat(255) : `M${i}`,
    );
    const values = Object.fromEntries(names.map((n) => [n, 1]));
    const ok = readEmf(
      line(
        { ...dims, ...values },
        {
          Namespace: "N".repeat(255),
          Dimensions: [keys],
          Metrics: names.map((Name) => ({ Name, Unit: "None" })),
        },
      ),
    );
    expect(ok).to.have.length(100);
    expect(readEmf(line({}, { Namespace: "N" }))).to.have.length(2);
  });

  it("records each number of a metric's array as a datapoint: up to 100 of them, none for an empty array", () => {
    const values = (over: Record<string, unknown>) =>
      readEmf(line(over, { Metrics: [{ Name: "Duration" }] })).map((m) => m.value);
    expect(values({ Duration: [3, 1.5, 3] })).to.deep.equal([3, 1.5, 3]);
    expect(values({ Duration: Array.from({ length: 100 }, (_, i) => i) })).to.have.length(100);
    expect(values({ Duration: [] })).to.deep.equal([]);
    expect(
      readEmf(line({ Duration: [2, 4] }, { Dimensions: [["Stack"], []], Metrics: [{ Name: "Duration" }] })),
    ).to.deep.equal([
      {
        namespace: "PunkapiConsumer",
        dimensions: { Stack: "test" },
        name: "Duration",
        unit: undefined,
        value: 2,
        timestamp: T,
      },
      {
        namespace: "PunkapiConsumer",
        dimensions: { Stack: "test" },
        name: "Duration",
        unit: undefined,
        value: 4,
        timestamp: T,
      },
      {
        namespace: "PunkapiConsumer",
        dimensions: {},
        name: "Duration",
        unit: undefined,
        value: 2,
        timestamp: T,
      },
      {
        namespace: "PunkapiConsumer",
        dimensions: {},
        name: "Duration",
        unit: undefined,
        value: 4,
        timestamp: T,
      },
    ]);
  });

  it("takes a timestamp of 10^12 ms (2001-09-09T01:46:40Z) as milliseconds", () => {
    expect(readEmf(line({ _aws: { ...line()["_aws"], Timestamp: 1e12 } }))[0].timestamp).to.equal(
      Date.parse("2001-09-09T01:46:40Z"),
    );
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ["no _aws", { _aws: undefined }, "not EMF: no _aws object"],
    ["_aws not an object", { _aws: "x" }, "not EMF: no _aws object"],
    [
      "a timestamp in seconds",
      { _aws: { ...line()["_aws"], Timestamp: 1_764_900_000 } },
      "not EMF: _aws.Timestamp is not epoch milliseconds: 1764900000",
    ],
    [
      "a fractional timestamp",
      { _aws: { ...line()["_aws"], Timestamp: T + 0.5 } },
      `not EMF: _aws.Timestamp is not epoch milliseconds: ${T + 0.5}`,
    ],
    [
      "a timestamp as text",
      { _aws: { ...line()["_aws"], Timestamp: String(T) } },
      `not EMF: _aws.Timestamp is not epoch milliseconds: ${T}`,
    ],
    [
      "no directives",
      { _aws: { Timestamp: T, CloudWatchMetrics: [] } },
      "not EMF: _aws.CloudWatchMetrics is not a non-empty array",
    ],
    [
      "directives not an array",
      { _aws: { Timestamp: T, CloudWatchMetrics: {} } },
      "not EMF: _aws.CloudWatchMetrics is not a non-empty array",
    ],
  ];
  for (const [what, over, message] of refusals)
    it(`refuses ${what}`, () => {
      expect(() => readEmf(line(over))).to.throw(message);
    });

  const directiveRefusals: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ["an empty Namespace", {}, { Namespace: "" }, "not EMF: bad Namespace "],
    [
      "a Namespace of 256 characters",
      {},
      { Namespace: "N".repeat(256) },
      `not EMF: bad Namespace ${"N".repeat(256)}`,
    ],
    ["a Namespace that is not text", {}, { Namespace: 7 }, "not EMF: bad Namespace 7"],
    ["Dimensions not an array", {}, { Dimensions: "Stack" }, "not EMF: Dimensions is not an array"],
    [
      "Metrics not an array",
      {},
      { Metrics: { Name: "x" } },
      "not EMF: Metrics is not an array of at most 100",
    ],
    [
      "101 metrics",
      {},
      { Metrics: Array.from({ length: 101 }, () => ({ Name: "BeersWritten" })) },
      "not EMF: Metrics is not an array of at most 100",
    ],
    [
      "a dimension set of 31 keys",
      {},
      { Dimensions: [Array.from({ length: 31 }, () => "Stack")] },
      "not EMF: a dimension set is not an array of at most 30 keys",
    ],
    [
      "a dimension set that is not an array",
      {},
      { Dimensions: ["Stack"] },
      "not EMF: a dimension set is not an array of at most 30 keys",
    ],
    [
      "a dimension with no top-level member",
      {},
      { Dimensions: [["Region"]] },
      "not EMF: dimension Region is not a top-level string",
    ],
    [
      "a dimension whose member is a number",
      { Stack: 3 },
      {},
      "not EMF: dimension Stack is not a top-level string",
    ],
    [
      "a dimension key that is not text",
      {},
      { Dimensions: [[5]] },
      "not EMF: dimension 5 is not a top-level string",
    ],
    ["an empty metric Name", {}, { Metrics: [{ Name: "" }] }, "not EMF: bad metric Name "],
    [
      "a metric Name of 256 characters",
      {},
      { Metrics: [{ Name: "M".repeat(256) }] },
      `not EMF: bad metric Name ${"M".repeat(256)}`,
    ],
    [
      "an unknown unit",
      {},
      { Metrics: [{ Name: "BeersWritten", Unit: "Beers" }] },
      "not EMF: metric BeersWritten: unknown Unit Beers",
    ],
    [
      "a metric with no top-level number",
      { BeersWritten: "4" },
      {},
      "not EMF: metric BeersWritten has no top-level number",
    ],
    [
      "a metric that is not finite",
      { Duration: Infinity },
      {},
      "not EMF: metric Duration has no top-level number",
    ],
    [
      "an array of 101 numbers",
      { Duration: Array.from({ length: 101 }, () => 1) },
      {},
      "not EMF: metric Duration has no top-level number or array of at most 100 numbers",
    ],
    [
      "an array holding text",
      { Duration: [1, "2"] },
      {},
      "not EMF: metric Duration has no top-level number or array of at most 100 numbers",
    ],
    [
      "a dimension key that is not text, even with a member of that name",
      { 5: "five" },
      { Dimensions: [[5]] },
      "not EMF: dimension 5 is not a top-level string",
    ],
    [
      "a metric Name that is not text, even with a member of that name",
      { 7: 1 },
      { Metrics: [{ Name: 7 }] },
      "not EMF: bad metric Name 7",
    ],
  ];
  for (const [what, over, directive, message] of directiveRefusals)
    it(`refuses ${what}`, () => {
      expect(() => readEmf(line(over, directive))).to.throw(message);
    });

  it("knows every standard unit the specification lists", () => {
    for (const unit of [
      "Seconds",
      "Microseconds",
      "Milliseconds",
      "Bytes",
      "Kilobytes",
      "Megabytes",
      "Gigabytes",
      "Terabytes",
      "Bits",
      "Kilobits",
      "Megabits",
      "Gigabits",
      "Terabits",
      "Percent",
      "Count",
      "Bytes/Second",
      "Kilobytes/Second",
      "Megabytes/Second",
      "Gigabytes/Second",
      "Terabytes/Second",
      "Bits/Second",
      "Kilobits/Second",
      "Megabits/Second",
      "Gigabits/Second",
      "Terabits/Second",
      "Count/Second",
      "None",
    ])
      expect(readEmf(line({}, { Metrics: [{ Name: "BeersWritten", Unit: unit }] }))[0].unit).to.equal(unit);
  });
});

describe("the metric log of a local run", () => {
  const written = { namespace: "PunkapiConsumer", name: "BeersWritten", dimensions: { Stack: "test" } };
  const depth = {
    namespace: "AWS/SQS",
    name: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: "q" },
  };

  it("keeps datapoints per metric and dimensions, in [from, to), in any key order", () => {
    const log = new MetricLog();
    log.record(written, 1, 0);
    log.record(written, 2, 60_000);
    log.record({ ...written, dimensions: { Stack: "prod" } }, 7, 60_000);
    log.record({ ...written, dimensions: { Fn: "x", Stack: "test" } }, 9, 60_000);
    expect(log.valuesIn(written, 0, 60_000)).to.deep.equal([1]);
    expect(log.valuesIn(written, 0, 60_001)).to.deep.equal([1, 2]);
    expect(log.valuesIn(written, 1, 120_000)).to.deep.equal([2]);
    expect(log.valuesIn({ ...written, dimensions: { Stack: "test", Fn: "x" } }, 0, 120_000)).to.deep.equal([
      9,
    ]);
    expect(log.valuesIn({ ...written, name: "Other" }, 0, 120_000)).to.deep.equal([]);
  });

  it("samples a gauge at the end of the period: the last level set before it, else 0", () => {
    const log = new MetricLog();
    log.setGauge(depth, 3, 10_000);
    log.setGauge(depth, 1, 70_000);
    expect(log.valuesIn(depth, 0, 10_000)).to.deep.equal([0]);
    expect(log.valuesIn(depth, 0, 10_001)).to.deep.equal([3]);
    expect(log.valuesIn(depth, 60_000, 70_000)).to.deep.equal([3]);
    expect(log.valuesIn(depth, 60_000, 120_000)).to.deep.equal([1]);
  });

  it("keeps apart metrics whose names, namespaces or dimensions would run together as text", () => {
    const log = new MetricLog();
    log.record({ namespace: "NS", name: "A", dimensions: { X: "1", Y: "2" } }, 1, 0);
    log.record({ namespace: "NS|A", name: "B", dimensions: {} }, 2, 0);
    log.record({ namespace: "NS", name: "A|B", dimensions: {} }, 3, 0);
    expect(log.valuesIn({ namespace: "NS", name: "A", dimensions: { X: "1,Y=2" } }, 0, 1)).to.deep.equal([]);
    expect(log.valuesIn({ namespace: "NS", name: "A", dimensions: { X: "1Y=2" } }, 0, 1)).to.deep.equal([]);
    expect(log.valuesIn({ namespace: "NS", name: "A", dimensions: { X: "1", Y: "2" } }, 0, 1)).to.deep.equal([
      1,
    ]);
    expect(log.valuesIn({ namespace: "NS|A", name: "B", dimensions: {} }, 0, 1)).to.deep.equal([2]);
    expect(log.totals("NS")).to.deep.equal({ A: 1, "A|B": 3 });
  });

  it("says a metric is produced when recorded, set, or producible; totals sum one namespace by name", () => {
    const log = new MetricLog();
    log.record(written, 2, 0);
    log.record({ ...written, dimensions: { Stack: "prod" } }, 3, 0);
    log.record({ ...written, namespace: "Other" }, 100, 0);
    log.setGauge(depth, 5, 0);
    const never = () => false;
    expect(log.produces(written, never)).to.equal(true);
    expect(log.produces(depth, never)).to.equal(true);
    expect(log.produces({ ...written, name: "Retries" }, never)).to.equal(false);
    expect(log.produces({ ...written, name: "Retries" }, () => true)).to.equal(true);
    expect(log.totals("PunkapiConsumer")).to.deep.equal({ BeersWritten: 5 });
    expect(log.totals("AWS/SQS")).to.deep.equal({});
  });
});
