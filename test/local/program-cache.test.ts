/**
 * A kept program run holds only while the files its archives point at are as they were: an archive folder
 * rewritten since (dist/handler compiled from other sources, a change tried and undone) or gone makes the
 * run be evaluated again, so that what ships is never another version's code.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import * as asset from "@pulumi/pulumi/asset";
import { readCachedRun, writeCachedRun } from "../../local/harness/program-cache";
import type { ProgramRun } from "../../local/harness/run-program";

describe("a kept program run", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-program-cache-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is read back while its archive's files are unchanged, and not once one is rewritten or removed", async () => {
    const code = path.join(dir, "dist", "handler");
    fs.mkdirSync(code, { recursive: true });
    fs.writeFileSync(path.join(code, "sink.js"), "exports.v = 1;\n");
    const run = {
      resources: [
        { inputs: { code: new asset.AssetArchive({ "dist/handler": new asset.FileArchive(code) }) } },
      ],
      outputs: {},
      invokes: [],
    } as unknown as ProgramRun;
    const file = path.join(dir, "run.json");
    await writeCachedRun(file, run);
    const back = readCachedRun(file);
    expect(back).to.not.equal(undefined);
    const entries = await (back!.resources[0].inputs.code as asset.AssetArchive).assets;
    expect(await (entries["dist/handler"] as asset.FileArchive).path).to.equal(code);
    // The same file written again with other code (a later mtime, as a compile gives it).
    const later = new Date(Date.now() + 5000);
    fs.writeFileSync(path.join(code, "sink.js"), "exports.v = 2;\n");
    fs.utimesSync(path.join(code, "sink.js"), later, later);
    expect(readCachedRun(file)).to.equal(undefined);
    await writeCachedRun(file, run);
    fs.rmSync(code, { recursive: true });
    expect(readCachedRun(file)).to.equal(undefined);
  });
});
