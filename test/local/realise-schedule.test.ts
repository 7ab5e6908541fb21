/**
 * The schedule realiser (local/runner/realisers/schedule.ts) on its own, on a fake clock: a rule becomes a
 * timer at its rate over the run's speed-up that sends EventBridge's Scheduled Event to each function it
 * targets, for the run's number of invocations; a target the function's policy does not let EventBridge
 * invoke is refused before anything runs. The functions are stand-ins that keep the events they are sent.
 */
import { expect } from "chai";
import type { LocalFunction } from "../../local/stand-ins/lambda/local-function";
import type { RealisedFunction } from "../../local/runner/realised";
import { eventRule } from "../../local/runner/realisers/schedule";
import { declared, testContext, TestRun } from "../helpers/realise";

const RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/every-5";
const FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ingest";

const rule = declared(
  "aws:cloudwatch/eventRule:EventRule",
  "every-5",
  { name: "every-5", scheduleExpression: "rate(5 minutes)" },
  { arn: RULE_ARN },
);
const target = declared("aws:cloudwatch/eventTarget:EventTarget", "every-5-ingest", {
  rule: "every-5",
  arn: FN_ARN,
});
// Another rule's target: not this rule's to invoke.
const otherTarget = declared("aws:cloudwatch/eventTarget:EventTarget", "hourly-other", {
  rule: "hourly",
  arn: "arn:aws:lambda:us-east-1:123456789012:function:other",
});
const fn = declared("aws:lambda/function:Function", "ingest", { name: "ingest" }, { arn: FN_ARN });
const permission = (inputs: Record<string, unknown> = {}) =>
  declared("aws:lambda/permission:Permission", "ingest-from-every-5", {
    function: "ingest",
    principal: "events.amazonaws.com",
    sourceArn: RULE_ARN,
    ...inputs,
  });

/** A function that keeps the events it is sent, and answers each as `answer` says. */
function standIn(name: string, answer: () => Promise<void> = async () => undefined) {
  const sent: unknown[] = [];
  const local = { name, invokeAsync: (event: unknown) => (sent.push(event), answer()) };
  return { sent, local: local as unknown as LocalFunction };
}

/** Stand-ins as the function realiser would have returned them (the schedule reads only the function). */
const realised = (...locals: LocalFunction[]) => ({
  functions: locals.map((local) => ({ local }) as RealisedFunction),
});

/** Lets the settled invocations' callbacks run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("the schedule realiser", () => {
  let run: TestRun | undefined;
  afterEach(() => run?.cleanUp());

  function realise(resources: Parameters<typeof testContext>[0], speed: number, invocations = 2) {
    run = testContext(resources, { speed, invocations });
    const ingest = standIn("ingest");
    const other = standIn("other");
    const scheduler = eventRule(rule, run.inputs, run.sinks, realised(other.local, ingest.local));
    return { ingest, other, scheduler };
  }

  it("sends the Scheduled Event to its target at its rate over the speed-up, the run's number of times", async () => {
    // rate(5 minutes) at ×100: every 3 s, too short a wait to announce.
    // Another function's permission besides: the target needs one permission that fits, not all to.
    const resources = [rule, target, otherTarget, fn, permission({ function: "other" }), permission()];
    const { ingest, other, scheduler } = realise(resources, 100);
    const { sinks, events, clock } = run!;
    let settled = 0;
    sinks.onSettled = () => settled++;
    scheduler.start();
    clock.tick(2999);
    expect(ingest.sent).to.deep.equal([]);
    clock.tick(1);
    await flush();
    expect(ingest.sent).to.deep.equal([
      {
        version: "0",
        id: "local-1",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: "2026-01-01T00:00:03.000Z",
        resources: [RULE_ARN],
        detail: {},
      },
    ]);
    clock.tick(3000 * 5);
    await flush();
    expect(ingest.sent.map((e) => (e as { id: string }).id)).to.deep.equal(["local-1", "local-2"]);
    expect(other.sent).to.deep.equal([]);
    expect(sinks.tally.scheduled).to.equal(2);
    expect(scheduler.done).to.equal(true);
    expect(settled).to.equal(2);
    expect(events).to.deep.equal([
      { kind: "invoked", tick: 1 },
      { kind: "invoked", tick: 2 },
    ]);
    expect(sinks.errors).to.deep.equal([]);
  });

  it("announces a wait of 5 s or more for the next invocation", () => {
    // rate(5 minutes) at ×60: exactly 5 s.
    const { scheduler } = realise([rule, target, fn, permission()], 60);
    scheduler.start();
    expect(run!.events).to.deep.equal([{ kind: "next-invocation", inMs: 5000 }]);
  });

  it("says when an invocation could not be sent", async () => {
    run = testContext([rule, target, fn, permission()], { speed: 100, invocations: 1 });
    const ingest = standIn("ingest", () => Promise.reject(new Error("the run stopped")));
    const scheduler = eventRule(rule, run.inputs, run.sinks, realised(ingest.local));
    scheduler.start();
    run.clock.tick(3000);
    await flush();
    expect(run.sinks.errors).to.deep.equal(["ingest: the run stopped"]);
  });

  for (const [why, wrong] of [
    ["for another function", { function: "other" }],
    ["to another service", { principal: "sns.amazonaws.com" }],
    ["from another rule", { sourceArn: "arn:aws:events:us-east-1:123456789012:rule/hourly" }],
  ] as const) {
    it(`refuses a target whose only permission is ${why}`, () => {
      expect(() => realise([rule, target, fn, permission(wrong)], 100)).to.throw(
        "rule every-5 targets ingest, but no permission lets EventBridge invoke it",
      );
    });
  }

  it("finds the function a target names by its ARN among functions, not another type's resource", () => {
    // Unlikely in AWS, where an ARN names one resource; here it proves the type is looked at.
    const impostor = declared(
      "aws:cloudwatch/logGroup:LogGroup",
      "impostor",
      { name: "impostor" },
      { arn: FN_ARN },
    );
    const { scheduler } = realise([impostor, rule, target, fn, permission()], 100);
    expect(scheduler).to.not.equal(undefined);
  });
});
