import { expect } from "chai";
import { planBatches, recordSize } from "../../handler/batch";

// The Kinesis PutRecords limits as published (API reference): 1 MiB per record, 5 MiB per call. Written
// out: the module's own table would move these tests with a wrong limit.
const MIB = 1_048_576;

const rec = (bytes: number, key = "1") => ({ data: Buffer.alloc(bytes, 0x61), partitionKey: key });

describe("PutRecords batching", () => {
  it("puts up to 500 records in one call", () => {
    const { batches } = planBatches(Array.from({ length: 1201 }, () => rec(10)));
    expect(batches.map((b) => b.length)).to.deep.equal([500, 500, 201]);
  });

  it("keeps each call within 5 MiB, counting the partition key", () => {
    // 6 records of 1 MiB minus the key: exactly 1 MiB each, so 5 per call.
    const records = Array.from({ length: 6 }, () => rec(MIB - 3, "123"));
    expect(recordSize(records[0])).to.equal(MIB);
    const { batches, oversized } = planBatches(records);
    expect(oversized).to.have.length(0);
    expect(batches.map((b) => b.length)).to.deep.equal([5, 1]);
    for (const b of batches) expect(b.reduce((n, r) => n + recordSize(r), 0)).to.be.at.most(5 * MIB);
  });

  it("refuses a record over 1 MiB and keeps the others in order", () => {
    const records = [rec(10, "a"), rec(MIB, "b"), rec(10, "c")];
    const { batches, oversized } = planBatches(records);
    expect(oversized.map((r) => r.partitionKey)).to.deep.equal(["b"]);
    expect(batches.flat().map((r) => r.partitionKey)).to.deep.equal(["a", "c"]);
  });

  it("returns no call for no records", () => {
    expect(planBatches([]).batches).to.deep.equal([]);
  });
});
