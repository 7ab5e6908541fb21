/**
 * A catalogue page split into its elements' exact texts: what JSON.parse reads from each piece is the
 * element, and the pieces are the body's own bytes (number formats, escapes, spacing kept).
 */
import { expect } from "chai";
import { arrayElementTexts } from "../../handler/json-array";

describe("the elements of a JSON array, as written", () => {
  it("keeps each element's text: floats as written, escaped quotes and brackets inside strings, nesting", () => {
    const text =
      ' [ {"abv":10.0,"name":"A \\"[x]\\", {y}"} ,{"hops":[{"n":"a,b"}],"u":"\\u00e9"},  3 , "s,]"]\n';
    const pieces = arrayElementTexts(text);
    expect(pieces).to.deep.equal([
      '{"abv":10.0,"name":"A \\"[x]\\", {y}"}',
      '{"hops":[{"n":"a,b"}],"u":"\\u00e9"}',
      "3",
      '"s,]"',
    ]);
    expect(pieces.map((p) => JSON.parse(p))).to.deep.equal(JSON.parse(text));
  });

  it("gives nothing for an empty page, and refuses what is not an array", () => {
    expect(arrayElementTexts("[]")).to.deep.equal([]);
    // One escaped quote in a string: the string goes on past it, with the comma inside it.
    expect(arrayElementTexts('["x\\"y,z", 1]')).to.deep.equal(['"x\\"y,z"', "1"]);
    expect(arrayElementTexts(" [ \n ] ")).to.deep.equal([]);
    // An escaped backslash ends its escape: the quote after it closes the string. An empty string opens
    // with no escape pending.
    expect(arrayElementTexts('["", "a\\\\", "b,c"]')).to.deep.equal(['""', '"a\\\\"', '"b,c"']);
    expect(() => arrayElementTexts(`{"a":[1]}`)).to.throw("not a JSON array");
    expect(() => arrayElementTexts("[1, 2")).to.throw("unterminated JSON array");
  });
});
