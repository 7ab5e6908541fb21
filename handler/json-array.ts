/**
 * The exact text of each element of a JSON array, as it stands in the body: a catalogue page is written to
 * the stream beer by beer, each record the beer's own bytes as the API sent them (not a re-serialisation,
 * which would change number formats such as v3's `10.0`). The caller has already parsed the text with
 * JSON.parse, so it is valid JSON: the scan only tracks strings and nesting to find the top-level commas.
 */
export function arrayElementTexts(text: string): string[] {
  const start = text.search(/\S/);
  if (text[start] !== "[") throw new Error("not a JSON array");
  const elements: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let from = start + 1;
  // One character per step (an escape is remembered, not skipped over), so the index meets the length
  // exactly: `!==` has no equivalent mutant, where `i < text.length` had one (`<=`: text[length] is
  // undefined and matches nothing).
  for (let i = start + 1; i !== text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) {
        const last = text.slice(from, i).trim();
        if (last !== "") elements.push(last);
        return elements;
      }
      depth--;
    } else if (c === "," && depth === 0) {
      elements.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  throw new Error("unterminated JSON array");
}
