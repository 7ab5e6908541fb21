/** The one argument parser every command uses (local/commands/cli/command.ts) and the option checks they share. */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { helpText, parseCommand, UsageError } from "../../local/commands/cli/command";
import { configPairs, httpUrl, wholeNumber, workDirectory } from "../../local/commands/cli/options";

const SPEC = {
  name: "npm run thing",
  summary: "does a thing",
  options: { count: { type: "string", value: "N", default: "1", help: "how many" } },
} as const;

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("no refusal");
};

describe("the commands' shared parser and checks", () => {
  it("refuses an unknown option or a stray argument as a usage error (exit 2), naming it", () => {
    expect(refusal(() => parseCommand(SPEC, ["--bogus"])))
      .to.be.instanceOf(UsageError)
      .and.have.property("message")
      .that.contains("'--bogus'");
    expect(refusal(() => parseCommand(SPEC, ["stray"]))).to.be.instanceOf(UsageError);
    expect(parseCommand(SPEC, ["--count", "3"]).values.count).to.equal("3");
  });

  it("writes a help with every option, its value and default", () => {
    expect(helpText(SPEC)).to.equal(
      [
        "usage: npm run thing -- [options]",
        "  does a thing",
        "",
        "  --count N   how many (default 1)",
        "  -h, --help  this help",
      ].join("\n"),
    );
  });

  it("refuses bad values naming the option: numbers, URLs the handler cannot read, key=value pairs", () => {
    expect(refusal(() => wholeNumber("invocations", "0", 1, 10)).message).to.equal(
      '--invocations must be a whole number from 1 to 10, got "0"',
    );
    expect(refusal(() => httpUrl("source-url", "ftp://example.org/v2")).message).to.equal(
      '--source-url must be an http or https URL, got "ftp://example.org/v2"',
    );
    expect(httpUrl("source-url", "https://example.org/v3/")).to.equal("https://example.org/v3");
    expect(refusal(() => configPairs(["streamMode"], "p")).message).to.contain(
      '--config takes key=value, got "streamMode"',
    );
    expect(configPairs(["a=1", "aws:region=eu-west-1"], "p")).to.deep.equal({
      "p:a": "1",
      "aws:region": "eu-west-1",
    });
  });

  it("makes a work directory git and the format check ignore, and refuses one that is a file", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-workdir-"));
    try {
      const dir = workDirectory(path.join(tmp, "runs"));
      expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).to.match(/^\*$/m);
      fs.writeFileSync(path.join(tmp, "file"), "");
      expect(refusal(() => workDirectory(path.join(tmp, "file"))).message).to.match(
        /exists and is not a directory/,
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
