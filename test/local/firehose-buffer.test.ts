/**
 * The local Firehose's buffer (local/stand-ins/firehose/buffer.ts) on its own: due when its size reaches the size
 * hint or its oldest record has waited the interval hint (Firehose guide, "Buffering hints"), measured from
 * the first record added, never before; take() hands the records back oldest first and starts afresh.
 * Times are plain numbers here: the caller's clock.
 */
import { expect } from "chai";
import { BufferedRecord, DeliveryBuffer } from "../../local/stand-ins/firehose/buffer";

const record = (text: string, arrival = "2026-01-01T00:00:00Z"): BufferedRecord => ({
  data: Buffer.from(text),
  arrival: new Date(arrival),
});

describe("the local Firehose buffer", () => {
  it("is empty and never due before a record is added, whatever the time", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 10, intervalMs: 1000 });
    expect([buffer.size, buffer.count]).to.deep.equal([0, 0]);
    expect(buffer.due(0)).to.equal(false);
    expect(buffer.due(5000)).to.equal(false);
    expect(buffer.due(Number.MAX_SAFE_INTEGER)).to.equal(false);
  });

  it("with hints of zero (Firehose allows a 0 s interval) is due as soon as it holds a record, and not while empty", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 0, intervalMs: 0 });
    expect(buffer.due(7000)).to.equal(false);
    buffer.add(record("a"), 7000);
    expect(buffer.due(7000)).to.equal(true);
    buffer.take();
    expect(buffer.due(7000)).to.equal(false);
  });

  it("counts records and bytes as they are added", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 1000, intervalMs: 1000 });
    buffer.add(record("abc"), 5000);
    expect([buffer.size, buffer.count]).to.deep.equal([3, 1]);
    buffer.add(record("défg"), 5001); // é is two bytes in UTF-8
    expect([buffer.size, buffer.count]).to.deep.equal([8, 2]);
  });

  it("is due by size at exactly the size hint, not one byte under, whatever the time", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 10, intervalMs: 60_000 });
    buffer.add(record("123456789"), 5000);
    expect(buffer.size).to.equal(9);
    expect(buffer.due(5000)).to.equal(false);
    buffer.add(record("0"), 5000);
    expect(buffer.size).to.equal(10);
    expect(buffer.due(5000)).to.equal(true);
    buffer.add(record("1"), 5000);
    expect(buffer.due(5000)).to.equal(true);
  });

  it("is due by size with a single record over the hint", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 10, intervalMs: 60_000 });
    buffer.add(record("12345678901"), 5000);
    expect(buffer.due(5000)).to.equal(true);
  });

  it("is due by time exactly the interval after its first record, not 1 ms before", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 1000, intervalMs: 1000 });
    buffer.add(record("a"), 5000);
    expect(buffer.due(5000)).to.equal(false);
    expect(buffer.due(5999)).to.equal(false);
    expect(buffer.due(6000)).to.equal(true);
    expect(buffer.due(6001)).to.equal(true);
  });

  it("opens its interval at the first record: later records do not move it", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 1000, intervalMs: 1000 });
    buffer.add(record("a"), 5000);
    buffer.add(record("b"), 5500);
    buffer.add(record("c"), 5999);
    expect(buffer.due(5999)).to.equal(false);
    expect(buffer.due(6000)).to.equal(true);
  });

  it("takes its records oldest first, and is then empty, with no interval open", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 1000, intervalMs: 1000 });
    const a = record("a", "2026-01-01T00:00:01Z");
    const b = record("bb", "2026-01-01T00:00:02Z");
    const c = record("ccc", "2026-01-01T00:00:03Z");
    buffer.add(a, 5000);
    buffer.add(b, 5100);
    buffer.add(c, 5200);
    const taken = buffer.take();
    expect(taken).to.have.length(3);
    expect(taken[0]).to.equal(a);
    expect(taken[1]).to.equal(b);
    expect(taken[2]).to.equal(c);
    expect([buffer.size, buffer.count]).to.deep.equal([0, 0]);
    expect(buffer.due(6000)).to.equal(false);
    expect(buffer.take()).to.deep.equal([]);
  });

  it("after a take, opens a new interval at the next record's time, not the old one's", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 1000, intervalMs: 1000 });
    buffer.add(record("a"), 5000);
    buffer.take();
    buffer.add(record("b"), 9000);
    expect([buffer.size, buffer.count]).to.deep.equal([1, 1]);
    expect(buffer.due(9000)).to.equal(false);
    expect(buffer.due(9999)).to.equal(false);
    expect(buffer.due(10_000)).to.equal(true);
  });

  it("after a take, counts its size afresh for the size hint", () => {
    const buffer = new DeliveryBuffer({ sizeBytes: 10, intervalMs: 60_000 });
    buffer.add(record("123456789"), 5000);
    buffer.take();
    buffer.add(record("12"), 5000);
    expect(buffer.size).to.equal(2);
    expect(buffer.due(5000)).to.equal(false);
  });
});
