/** The prefix renderer against the examples of Firehose's developer guide ("Custom prefixes", examples). */
import { expect } from "chai";
import { objectKey, renderPrefix } from "../../local/stand-ins/firehose/render-prefix";
import { formatTimestamp } from "../../config/timestamp-format";

describe("Firehose prefix rendering", () => {
  const aug27 = new Date("2018-08-27T10:30:00Z");
  const jul06 = new Date("2018-07-06T23:10:00Z");
  const random = () => "5abf82daaa5";

  it("renders the guide's Hive-style example (2018-07-06 23:10 UTC)", () => {
    expect(
      renderPrefix(
        "myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
        { arrival: jul06 },
      ),
    ).to.equal("myPrefix/year=2018/month=07/day=06/hour=23/");
    expect(
      renderPrefix(
        "myErrorPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/!{firehose:error-output-type}",
        { arrival: jul06, errorOutputType: "processing-failed" },
        "errorPrefix",
      ),
    ).to.equal("myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed");
  });

  it("renders the guide's random-string example (2018-08-27 10:30 UTC)", () => {
    expect(
      renderPrefix("myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}", {
        arrival: aug27,
        random,
      }),
    ).to.equal("myFirehose/DeliveredYear=2018/anyMonth/rand=5abf82daaa5");
    expect(
      renderPrefix(
        "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}",
        { arrival: aug27, errorOutputType: "processing-failed" },
        "errorPrefix",
      ),
    ).to.equal("myFirehoseFailures/processing-failed/2018/anyMonth/27");
  });

  it("renders the error-output-type table example, and an error prefix gets no default time", () => {
    expect(
      renderPrefix(
        "myPrefix/result=!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}",
        { arrival: new Date("2018-08-03T00:00:00Z"), errorOutputType: "processing-failed" },
        "errorPrefix",
      ),
    ).to.equal("myPrefix/result=processing-failed/2018/08/03");
    expect(
      renderPrefix(
        "myFirehoseFailures/!{firehose:error-output-type}/",
        { arrival: aug27, errorOutputType: "processing-failed" },
        "errorPrefix",
      ),
    ).to.equal("myFirehoseFailures/processing-failed/");
  });

  it("appends yyyy/MM/dd/HH/ to a prefix without a timestamp, and uses it alone when there is no prefix", () => {
    expect(renderPrefix("", { arrival: aug27 })).to.equal("2018/08/27/10/");
    expect(renderPrefix("myPrefix/", { arrival: aug27 })).to.equal("myPrefix/2018/08/27/10/");
  });

  it("renders this project's default prefixes", () => {
    expect(renderPrefix("raw/beers/dt=!{timestamp:yyyy-MM-dd}/", { arrival: jul06 })).to.equal(
      "raw/beers/dt=2018-07-06/",
    );
    expect(
      renderPrefix(
        "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
        { arrival: jul06, errorOutputType: "processing-failed" },
        "errorPrefix",
      ),
    ).to.equal("errors/processing-failed/dt=2018-07-06/");
  });

  it("formats DateTimeFormatter letters in UTC, with quoted literals", () => {
    const t = new Date("2026-01-02T03:04:05.678Z");
    expect(formatTimestamp("yyyy-MM-dd'T'HH:mm:ss.SSS", t)).to.equal("2026-01-02T03:04:05.678");
    expect(formatTimestamp("yy/M/d/H/DDD/hh a", t)).to.equal("26/1/2/3/002/03 AM");
    expect(formatTimestamp("'year='yyyy/''", t)).to.equal("year=2026/'");
    expect(() => formatTimestamp("yyyy-QQ", t)).to.throw(/"Q" is not supported/);
  });

  it("names objects <prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><ext>", () => {
    expect(
      objectKey({
        prefix: "raw/beers/dt=2018-07-06/",
        deliveryStream: "punkapi-consumer-test-delivery",
        version: 1,
        writtenAt: new Date("2018-07-06T23:15:42Z"),
        uuid: "0e2b5c54-3d8c-4c65-9d7c-3a1b2c3d4e5f",
        extension: ".gz",
      }),
    ).to.equal(
      "raw/beers/dt=2018-07-06/punkapi-consumer-test-delivery-1-2018-07-06-23-15-42-0e2b5c54-3d8c-4c65-9d7c-3a1b2c3d4e5f.gz",
    );
  });

  it("refuses an error type it was not given, and prefixes over 512 characters", () => {
    expect(() =>
      renderPrefix("e/!{firehose:error-output-type}/", { arrival: aug27 }, "errorPrefix"),
    ).to.throw(/needs an error output type/);
    expect(() => renderPrefix(`${"x".repeat(520)}/`, { arrival: aug27 })).to.throw(/longer than 512/);
  });

  it("allows an evaluated prefix of exactly 512 characters, not 513, and names the start of a longer one", () => {
    // 508 or 509 characters and a 4-character year.
    expect(renderPrefix(`${"x".repeat(508)}!{timestamp:yyyy}`, { arrival: aug27 })).to.have.length(512);
    expect(() => renderPrefix(`${"x".repeat(509)}!{timestamp:yyyy}`, { arrival: aug27 })).to.throw(
      /longer than 512/,
    );
    expect(() => renderPrefix(`${"abcdefghij".repeat(51)}/!{timestamp:yyyy}/`, { arrival: aug27 }))
      .to.throw()
      .with.property(
        "message",
        "evaluated prefix is longer than 512 characters: abcdefghijabcdefghijabcdefghijabcdefghij…",
      );
  });

  it("refuses a prefix it cannot parse, naming it and the reason", () => {
    expect(() => renderPrefix("raw/!{timestamp:yyyy", { arrival: aug27 }))
      .to.throw()
      .with.property(
        "message",
        'invalid prefix "raw/!{timestamp:yyyy": unclosed expression at "!{timestamp:yyyy"',
      );
  });

  it("refuses an expression it does not evaluate, naming it", () => {
    for (const [prefix, expression] of [
      ["p/!{firehose:unknown}/", "!{firehose:unknown}"],
      ["p/!{partitionKeyFromQuery:id}/", "!{partitionKeyFromQuery:id}"],
      ["p/!{other:random-string}/", "!{other:random-string}"],
      ["p/!{other:error-output-type}/", "!{other:error-output-type}"],
    ])
      expect(() =>
        renderPrefix(prefix, { arrival: aug27, errorOutputType: "processing-failed", random }, "errorPrefix"),
      )
        .to.throw()
        .with.property("message", `unsupported expression ${expression}`);
  });

  it("evaluates each firehose expression as itself when a context has both the error type and a random source", () => {
    expect(
      renderPrefix(
        "e/!{firehose:random-string}/!{firehose:error-output-type}/",
        { arrival: aug27, errorOutputType: "processing-failed", random },
        "errorPrefix",
      ),
    ).to.equal("e/5abf82daaa5/processing-failed/");
  });

  it("makes the random string 11 hexadecimal characters of Math.random(), padded with zeros", () => {
    const real = Math.random;
    try {
      Math.random = () => 1 / 3; // 0x0.55555555555554
      expect(renderPrefix("r=!{firehose:random-string}/", { arrival: aug27 })).to.equal(
        "r=55555555555/2018/08/27/10/",
      );
      Math.random = () => 0.5; // 0x0.8
      expect(renderPrefix("r=!{firehose:random-string}/", { arrival: aug27 })).to.equal(
        "r=80000000000/2018/08/27/10/",
      );
    } finally {
      Math.random = real;
    }
    expect(renderPrefix("r=!{firehose:random-string}/", { arrival: aug27 })).to.match(
      /^r=[0-9a-f]{11}\/2018\/08\/27\/10\/$/,
    );
  });
});
