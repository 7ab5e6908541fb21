/**
 * The pack `pulumi preview --policy-pack policy` loads (policy/index.ts): under its package's name, with every
 * rule of rules.ts. Loading it starts the analyzer's gRPC server for the CLI; here the serving function
 * records what it was asked to serve instead.
 */
import { expect } from "chai";
import fs from "fs";
import { createRequire } from "module";
import path from "path";
import { rules } from "../../policy/rules";

const load = createRequire(__filename);
/** The analyzer server's entry as PolicyPack's constructor calls it (@pulumi/policy/server.js; its types declare nothing). */
interface Server {
  serve(name: string, version: string, enforcementLevel: string, args: { policies: unknown }): void;
}

describe("the policy pack as the Pulumi CLI loads it", () => {
  it("is served under its package's name with every rule", () => {
    const server = load("@pulumi/policy/server") as Server;
    const entry = load.resolve("../../policy/index.ts");
    const served: Parameters<Server["serve"]>[] = [];
    const serve = server.serve;
    server.serve = (...args) => void served.push(args);
    try {
      delete load.cache[entry];
      load(entry);
    } finally {
      server.serve = serve;
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policy/package.json"), "utf8"));
    expect(served.map(([name]) => name)).to.deep.equal([manifest.name]);
    expect(served[0][3].policies).to.equal(rules);
  });
});
