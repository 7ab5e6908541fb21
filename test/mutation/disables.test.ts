/**
 * Equivalent mutants are marked one by one: every `// Stryker disable` in the sources (all folders, not
 * only stryker.config.json's mutate list, which grows) says how many mutants it disables and why they
 * are equivalent, and Stryker's instrumenter finds exactly that many under it. The check runs once over
 * the sources and over fixtures it must refuse, in one Node 22 child (a few seconds).
 */
import { expect } from "chai";
import { disableProblems, sourcesWithDirectives, SourceFile } from "../helpers/stryker-disables";
import { ROOT } from "../helpers/program";

const FIXTURES: SourceFile[] = [
  {
    name: "fixture/reasonless.ts",
    content: "// Stryker disable next-line StringLiteral\nexport const n = Buffer.byteLength(s, 'utf8');\n",
  },
  {
    name: "fixture/whole-file.ts",
    content: "// Stryker disable all: 9 equivalent mutants, whatever.\nexport const n = 1 + 2;\n",
  },
  {
    // Meant for `a !== undefined` set to true; the same mutator also sets the whole condition to true and
    // to false, and `b` to true.
    name: "fixture/over-broad.ts",
    content:
      "// Stryker disable next-line ConditionalExpression: 1 equivalent mutant, a is never undefined.\n" +
      "if (a !== undefined && b) f();\n",
  },
  {
    name: "fixture/exact.ts",
    content:
      "// Stryker disable next-line StringLiteral: 1 equivalent mutant, an unknown encoding reads as UTF-8.\n" +
      "export const n = Buffer.byteLength(s, 'utf8');\n",
  },
];

describe("Stryker disable comments", function () {
  this.timeout(120_000);
  let problems: string[];
  before(() => {
    problems = disableProblems([...sourcesWithDirectives(ROOT), ...FIXTURES]);
  });

  it("each names how many equivalent mutants it disables and why, and Stryker finds exactly those", () => {
    expect(problems.filter((p) => !p.startsWith("fixture/"))).to.deep.equal([]);
  });

  it("refuses a disable without a reason and count, one not for the next line only, and one that covers more", () => {
    expect(problems.filter((p) => p.startsWith("fixture/"))).to.deep.equal([
      'fixture/reasonless.ts:1: not "// Stryker disable next-line <Mutator>: <n> equivalent mutant(s), <why>": // Stryker disable next-line StringLiteral',
      'fixture/whole-file.ts:1: not "// Stryker disable next-line <Mutator>: <n> equivalent mutant(s), <why>": // Stryker disable all: 9 equivalent mutants, whatever.',
      'fixture/reasonless.ts:2: StringLiteral "" ignored by no stated directive ("Ignored using a comment")',
      'fixture/whole-file.ts:2: ArithmeticOperator 1 - 2 ignored by no stated directive ("9 equivalent mutants, whatever.")',
      "fixture/over-broad.ts:1: states 1 equivalent, disables 3: line 2 ConditionalExpression -> true; line 2 ConditionalExpression -> false; line 2 ConditionalExpression -> true",
    ]);
  });
});
