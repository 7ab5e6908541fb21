/**
 * One realiser at a time (local/runner/realisers/): a run's inputs on the test stack's configuration and
 * lake, this machine's account, hand-made declared resources whose roles a real LocalIam judges, a fake
 * clock the test ticks, and the run's sinks, with the events the realisers emit kept. What a realiser
 * returns is the test's to look at; `keep` it to have its folder removed and its encoder closed. The local services a test does not start
 * are stand-ins that throw when reached, so a realiser that calls one unexpectedly fails the test.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type FakeTimers from "@sinonjs/fake-timers";
import type { PolicyDocument } from "../../iam/policy-document";
import { LocalIam } from "../../local/stand-ins/iam/local-iam";
import { LOCAL_ACCOUNT } from "../../local/harness/aws-state";
import type { DeclaredResource } from "../../local/harness/run-program";
import { RunInputs, RunServices } from "../../local/runner/run-inputs";
import { RunSinks } from "../../local/runner/run-sinks";
import type { RealisedFunction, ZoneDelivery } from "../../local/runner/realised";
import type { LocalRunEvent } from "../../local/runner/events";
import { readRunConfig } from "../../local/runner/run-config";
import { removeTempDir } from "../../local/support/temp-dirs";
import { fakeTimers } from "./fake-timers";
import { ROOT } from "./program";

/** When the fake clock starts: 2026-01-01T00:00:00Z. */
export const CLOCK_START = Date.UTC(2026, 0, 1);

/** A custom resource as the program would have declared it. */
export function declared(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  state: Record<string, unknown> = {},
): DeclaredResource {
  return {
    urn: `urn:pulumi:test::punkapi-consumer::${type}::${name}`,
    type,
    name,
    parent: undefined,
    custom: true,
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    inputs,
    id: name,
    state,
  };
}

export const roleArn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/** A role with one inline policy allowing these actions (on these resources, every one by default). */
export function role(name: string, actions: string[], resources: string[] = ["*"]): DeclaredResource[] {
  const policy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: actions, Resource: resources }],
  };
  return [
    declared("aws:iam/role:Role", name, {}, { arn: roleArn(name), name }),
    declared("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, {
      role: name,
      policy: JSON.stringify(policy),
    }),
  ];
}

/** Throws on any use: a service this test did not start. */
function absent<T>(what: string): T {
  return new Proxy({} as object, {
    get: () => {
      throw new Error(`${what} is not started in this test`);
    },
  }) as T;
}

export interface TestRun {
  inputs: RunInputs;
  sinks: RunSinks;
  events: LocalRunEvent[];
  clock: FakeTimers.Clock;
  /** Has what a realiser made cleaned up with the run (its artifact folder, its encoder); returns it. */
  keep<T extends Partial<RealisedFunction & ZoneDelivery> | undefined>(made: T): T;
  /** Removes the work folder and the folders the kept functions laid out; closes the kept encoders. */
  cleanUp(): void;
}

export function testContext(
  resources: DeclaredResource[],
  opts: { speed?: number; invocations?: number; services?: Partial<RunServices> } = {},
): TestRun {
  const { config, lake } = readRunConfig(ROOT, "test");
  const env = { ...LOCAL_ACCOUNT, region: config.region };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-realise-"));
  const events: LocalRunEvent[] = [];
  const { clock, timers } = fakeTimers(CLOCK_START);
  const inputs = new RunInputs(
    { workDir, invocations: opts.invocations ?? 1, speed: opts.speed ?? 100, keepRunning: false },
    config,
    lake,
    env,
    resources,
    {
      kinesis: absent("kinesalite"),
      s3: absent("s3rver"),
      iam: new LocalIam(resources, env, "punkapi-consumer", "test"),
      kinesisEndpoint: "http://127.0.0.1:4567",
      s3Endpoint: "http://127.0.0.1:4569",
      source: { url: "http://127.0.0.1:8080", contract: "v2", standIn: true },
      ...opts.services,
    },
    timers,
  );
  fs.mkdirSync(inputs.logsDir, { recursive: true });
  const kept: Partial<RealisedFunction & ZoneDelivery>[] = [];
  return {
    inputs,
    sinks: new RunSinks((event) => events.push(event)),
    events,
    clock,
    keep(made) {
      if (made) kept.push(made);
      return made;
    },
    cleanUp() {
      for (const { artifactDir } of kept) if (artifactDir) removeTempDir(artifactDir);
      for (const { encoder } of kept) encoder?.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
