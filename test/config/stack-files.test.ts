/**
 * Stack names, stack files and configuration errors, as the CLIs and the program meet them: which names a
 * stack may have, how Pulumi.yaml and Pulumi.<stack>.yaml are read and overlaid, which files are stacks,
 * and the errors that name a file or a key.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { isStackConfigError, stackConfigError } from "../../config/errors";
import { configFileError, listStacks, readStackFiles } from "../../config/stack-files";
import { isStackName, STACK_NAME_RULE } from "../../config/stack-name";
import { parseStackConfig } from "../../config/stack-config";

describe("stack names", () => {
  it("are 1 to 20 lower-case letters and digits, and neither state nor bootstrap", () => {
    for (const good of ["test", "prod", "a", "dev2", "x".repeat(20)])
      expect(isStackName(good), good).to.equal(true);
    for (const bad of [
      "",
      "x".repeat(21),
      "Test",
      "my-test",
      "test-1",
      "te st",
      "test\n",
      "state",
      "bootstrap",
    ])
      expect(isStackName(bad), JSON.stringify(bad)).to.equal(false);
    expect(STACK_NAME_RULE).to.equal(
      "1 to 20 lower-case letters and digits, not state or bootstrap (each stack's IAM grants are scoped by its name prefix)",
    );
  });

  it("are checked before any key: a bad name is the error, naming the rule", () => {
    expect(() => parseStackConfig({ "punkapi-consumer:bogus": "1" }, "my-test"))
      .to.throw(`invalid stack configuration: stack name "my-test" must be ${STACK_NAME_RULE}`)
      .with.property("key", "stack");
  });
});

describe("configuration errors", () => {
  it("carry their key and are told apart by name, not by class", () => {
    const error = stackConfigError("punkapi-consumer:streamMode", "must be ON_DEMAND or PROVISIONED");
    expect(error).to.include({ name: "StackConfigError", key: "punkapi-consumer:streamMode" });
    expect(error.message).to.equal(
      "invalid stack configuration: punkapi-consumer:streamMode must be ON_DEMAND or PROVISIONED",
    );
    expect(isStackConfigError(error)).to.equal(true);
    // The same error from another copy of the module is still one; a look-alike that is no Error is not.
    expect(isStackConfigError(Object.assign(new Error("x"), { name: "StackConfigError" }))).to.equal(true);
    expect(isStackConfigError({ name: "StackConfigError", message: "x", key: "k" })).to.equal(false);
    expect(isStackConfigError(new Error("invalid stack configuration: x"))).to.equal(false);
    expect(isStackConfigError(configFileError("Pulumi.test.yaml: x"))).to.equal(false);
    expect(configFileError("Pulumi.test.yaml: x")).to.include({
      name: "ConfigFileError",
      message: "Pulumi.test.yaml: x",
    });
  });

  it("suggest the known key a typo was meant to be, in any case, and none for a word far from every key", () => {
    const message = (raw: Record<string, string>) => {
      try {
        parseStackConfig(raw, "test");
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(message({ "punkapi-consumer:STREAMMODE": "ON_DEMAND" })).to.equal(
      "invalid stack configuration: punkapi-consumer:STREAMMODE is not a known key (did you mean punkapi-consumer:streamMode?)",
    );
    expect(message({ "punkapi-consumer:streamMod": "ON_DEMAND" })).to.contain(
      "(did you mean punkapi-consumer:streamMode?)",
    );
    expect(message({ "punkapi-consumer:stremMod": "ON_DEMAND" })).to.contain(
      "(did you mean punkapi-consumer:streamMode?)",
    );
    expect(message({ "punkapi-consumer:strMod": "ON_DEMAND" })).to.equal(
      "invalid stack configuration: punkapi-consumer:strMod is not a known key",
    );
  });
});

describe("stack files", () => {
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-stack-files-"));
    write(
      "Pulumi.yaml",
      [
        "name: demo",
        "config:",
        "  mode: { type: string, default: ON_DEMAND }",
        "  shards: { type: integer, default: 2 }",
        "  aws:region: { value: us-east-1 }",
        "  email: { type: string, description: no default, so absent unless a stack sets it }",
        "",
      ].join("\n"),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("overlay the stack's values on the project's defaults, flat, namespaced and as strings", () => {
    write(
      "Pulumi.dev.yaml",
      "config:\n  demo:shards: 3\n  demo:tags: { team: data }\n  aws:region: eu-west-1\n",
    );
    expect(readStackFiles(dir, "dev")).to.deep.include({
      project: "demo",
      config: {
        "demo:mode": "ON_DEMAND",
        "demo:shards": "3",
        "aws:region": "eu-west-1",
        "demo:tags": '{"team":"data"}',
      },
    });
  });

  it("read an empty stack file as the defaults alone", () => {
    write("Pulumi.empty.yaml", "");
    expect(readStackFiles(dir, "empty").config).to.deep.equal({
      "demo:mode": "ON_DEMAND",
      "demo:shards": "2",
      "aws:region": "us-east-1",
    });
  });

  it("list as stacks only the files named Pulumi.<stack>.yaml, sorted", () => {
    for (const f of [
      "Pulumi.prod.yaml",
      "Pulumi.dev.yaml",
      "Pulumi.yaml",
      "xPulumi.qa.yaml",
      "Pulumi.qa.yaml.bak",
    ])
      write(f, "config: {}\n");
    expect(listStacks(dir)).to.deep.equal(["dev", "prod"]);
  });

  it("name the file that is missing, unreadable or not YAML", () => {
    write("Pulumi.dev.yaml", "config: {}\n");
    expect(() => readStackFiles(dir, "qa")).to.throw(
      'no stack "qa": Pulumi.qa.yaml does not exist (stacks here: dev)',
    );
    write("Pulumi.bad.yaml", "config: [unclosed\n");
    expect(() => readStackFiles(dir, "bad"))
      .to.throw(new RegExp(`^${path.join(dir, "Pulumi.bad.yaml")}: not valid YAML: [^\\n]+$`))
      .with.property("name", "ConfigFileError");
    fs.rmSync(path.join(dir, "Pulumi.yaml"));
    expect(() => readStackFiles(dir, "dev"))
      .to.throw(`${path.join(dir, "Pulumi.yaml")}: cannot be read (ENOENT)`)
      .with.property("name", "ConfigFileError");
  });
});
