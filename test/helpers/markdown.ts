/**
 * The documentation as the docs tests read it: README.md and docs/*.md, split into prose paragraphs (a
 * list item is a paragraph of its own) and fenced code blocks, with their inline code spans.
 */
import fs from "fs";
import path from "path";
import { ROOT } from "./program";

export interface Doc {
  file: string;
  text: string;
  /** Prose paragraphs, in order, each joined into one line. */
  paragraphs: string[];
  /** Fenced code blocks, in order, with their language. */
  blocks: { lang: string; lines: string[] }[];
}

export function docFiles(): string[] {
  return [
    "README.md",
    ...fs
      .readdirSync(path.join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

export function readDoc(file: string): Doc {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const paragraphs: string[] = [];
  const blocks: Doc["blocks"] = [];
  let current: string[] = [];
  let block: Doc["blocks"][number] | undefined;
  const flush = () => {
    if (current.length) paragraphs.push(current.join(" ").replace(/\s+/g, " ").trim());
    current = [];
  };
  for (const line of text.split("\n")) {
    const fence = /^\s*```(\w*)/.exec(line);
    if (fence) {
      if (block) {
        blocks.push(block);
        block = undefined;
      } else {
        flush();
        block = { lang: fence[1], lines: [] };
      }
      continue;
    }
    if (block) block.lines.push(line);
    else if (line.trim() === "" || /^#/.test(line)) {
      flush();
      if (/^#/.test(line)) paragraphs.push(line);
    } else {
      // A list item starts a paragraph of its own.
      if (/^\s*(-|\d+\.) /.test(line)) flush();
      current.push(line.trim());
    }
  }
  flush();
  return { file, text, paragraphs, blocks };
}

/** The inline code spans of a paragraph, in order. */
export function codeSpans(paragraph: string): string[] {
  return [...paragraph.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** Prose with runs of whitespace as one space, so that a claim may be wrapped anywhere. */
export const flat = (text: string) => text.replace(/\s+/g, " ");
