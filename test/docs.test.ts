/**
 * The documentation as a newcomer meets it: a README read in minutes, whose links lead somewhere, whose
 * samples are the commands' own output (checked in test/local/start.test.ts), a reference generated from
 * the code it describes, and a licence that matches package.json.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { configurationReference } from "../config/reference";
import { ROOT } from "./helpers/program";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("documentation", () => {
  it("keeps the README under 10 KB, its prose lines within 120 characters", () => {
    const readme = read("README.md");
    expect(Buffer.byteLength(readme)).to.be.at.most(10 * 1024);
    let inCode = false;
    for (const line of readme.split("\n")) {
      if (line.startsWith("```")) inCode = !inCode;
      else if (!inCode) expect(line.length, line).to.be.at.most(120);
    }
  });

  it("links only to files and headings that exist", () => {
    for (const file of ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)]) {
      for (const [, target] of read(file).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^https?:/.test(target)) continue;
        expect(
          fs.existsSync(path.resolve(path.dirname(path.join(ROOT, file)), target)),
          `${file} → ${target}`,
        ).to.equal(true);
      }
      for (const [, target, anchor] of read(file).matchAll(/\]\(([^)#\s]+)#([^)]*)\)/g)) {
        const doc = read(path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), target)));
        const slugs = [...doc.matchAll(/^#+ (.+)$/gm)].map(([, h]) =>
          h
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, "")
            .replace(/ /g, "-"),
        );
        expect(slugs, `${file} → ${target}#${anchor}`).to.include(anchor);
      }
    }
  });

  it("has the configuration reference the spec writes (npm run docs)", () => {
    expect(read("docs/configuration.md")).to.equal(configurationReference());
  });

  it("describes every test folder in docs/testing.md", () => {
    const folders = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${dir}/${e.name}`);
        else if (e.name.endsWith(".test.ts") && dir !== "test") folders.add(dir);
      }
    };
    walk("test");
    const testing = read("docs/testing.md");
    for (const folder of folders) expect(testing, folder).to.contain(`\`${folder}\``);
  });

  it("ships the MIT licence package.json declares", () => {
    expect(JSON.parse(read("package.json")).license).to.equal("MIT");
    expect(read("LICENSE")).to.match(/^MIT License\n/);
  });
});
