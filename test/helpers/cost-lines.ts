/**
 * Holds a monthly estimate's lines (cost/estimate.ts) to lines worked out by hand: each as
 * "Service: item", its quantity and its dollars, in order.
 */
import { expect } from "chai";
import type { CostLine } from "../../cost/estimate";

export type WorkedLine = readonly [what: string, quantity: number, usd: number];

export function expectLines(lines: CostLine[], worked: readonly WorkedLine[]): void {
  expect(lines.map((l) => `${l.service}: ${l.item}`)).to.deep.equal(worked.map(([what]) => what));
  lines.forEach((l, i) => {
    const [what, quantity, usd] = worked[i];
    // Relative: the hand-worked figures keep five significant digits (a zero is held exactly).
    expect(l.quantity, what).to.be.closeTo(quantity, quantity * 1e-4);
    expect(l.usd, what).to.be.closeTo(usd, usd * 1e-4);
  });
}
