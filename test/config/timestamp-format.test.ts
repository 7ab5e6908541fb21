/** Java DateTimeFormatter letters as Firehose evaluates them, in UTC, at the edges of each field. */
import { expect } from "chai";
import { formatTimestamp } from "../../config/timestamp-format";

const at = (iso: string) => new Date(iso);

describe("timestamp patterns", () => {
  it("write the 12-hour clock and its marker at midnight, noon and after", () => {
    expect(formatTimestamp("hh a", at("2026-03-01T00:05:00Z"))).to.equal("12 AM");
    expect(formatTimestamp("hh a", at("2026-03-01T11:59:00Z"))).to.equal("11 AM");
    expect(formatTimestamp("hh a", at("2026-03-01T12:00:00Z"))).to.equal("12 PM");
    expect(formatTimestamp("h a", at("2026-03-01T13:00:00Z"))).to.equal("1 PM");
    expect(formatTimestamp("HH", at("2026-03-01T23:00:00Z"))).to.equal("23");
  });

  it("count the day of the year across a leap day, and pad each field to its width", () => {
    expect(formatTimestamp("DDD", at("2024-12-31T00:00:00Z"))).to.equal("366");
    expect(formatTimestamp("DDD", at("2025-12-31T23:59:59Z"))).to.equal("365");
    expect(formatTimestamp("D", at("2026-01-01T00:00:00Z"))).to.equal("1");
    expect(formatTimestamp("yyyy/MM/dd mm:ss", at("2026-02-03T04:05:06Z"))).to.equal("2026/02/03 05:06");
    expect(formatTimestamp("y/M/d", at("2026-02-03T04:05:06Z"))).to.equal("2026/2/3");
    expect(formatTimestamp("yy uu uuuu", at("2009-02-03T04:05:06Z"))).to.equal("09 09 2009");
  });

  it("cut fractions of a second to their width, and refuse a letter Firehose does not use", () => {
    const t = at("2026-01-02T03:04:05.078Z");
    expect(formatTimestamp("S", t)).to.equal("0");
    expect(formatTimestamp("SS", t)).to.equal("07");
    expect(formatTimestamp("SSSS", t)).to.equal("0780");
    expect(() => formatTimestamp("EEE", t)).to.throw(`timestamp pattern letter "E" is not supported`);
  });
});
