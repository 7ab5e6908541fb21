/** The counts bench:catalogue expects: random mode's requests, and a snapshot's pages. */
import { expect } from "chai";
import { catalogueRequests, expectedRandomRequests } from "../../bench/catalogue-math";

describe("bench:catalogue's arithmetic", () => {
  it("expects n·Hₙ random requests to see every beer: 2,068 for 325 (v2), 2,742 for 415 (v3)", () => {
    expect(expectedRandomRequests(1)).to.equal(1);
    expect(expectedRandomRequests(2)).to.equal(3); // 2 · (1 + 1/2)
    expect(Math.round(expectedRandomRequests(325))).to.equal(2068);
    expect(Math.round(expectedRandomRequests(415))).to.equal(2742);
  });

  it("pages a catalogue in full pages of 80 and one short page, which may be empty", () => {
    expect([0, 79, 80, 325, 415].map(catalogueRequests)).to.deep.equal([1, 1, 2, 5, 6]);
  });
});
