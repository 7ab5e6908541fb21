/**
 * An EventBridge rule with its targets: a timer at the rule's period divided by the run's speed, sending
 * the Scheduled Event to each target function, provided the function's own policy lets EventBridge
 * invoke it for this rule (as Lambda would refuse otherwise). It stops after the run's invocations.
 */
import { localPeriodMs, Scheduler } from "../../stand-ins/schedule/scheduler";
import type { Realiser } from "./realiser";

/** A wait worth a word: the run says when the next invocation comes. */
export const LONG_WAIT_MS = 5000;

export const eventRule: Realiser = (rule, ctx) => {
  const { declared, options } = ctx;
  const functions = declared
    .ofType("aws:cloudwatch/eventTarget:EventTarget")
    .filter((t) => t.inputs.rule === rule.inputs.name)
    .map((t) => {
      const fn = declared.byArn(t.inputs.arn, "aws:lambda/function:Function");
      const allowed = declared
        .ofType("aws:lambda/permission:Permission")
        .some(
          (p) =>
            p.inputs.function === fn.inputs.name &&
            p.inputs.principal === "events.amazonaws.com" &&
            p.inputs.sourceArn === rule.state.arn,
        );
      if (!allowed)
        throw new Error(
          `rule ${rule.inputs.name} targets ${fn.inputs.name}, but no permission lets EventBridge invoke it`,
        );
      return ctx.functions.find((f) => f.name === fn.inputs.name)!;
    });
  const scheduler = new Scheduler(
    localPeriodMs(String(rule.inputs.scheduleExpression), options.speed),
    (tick) => {
      ctx.tally.scheduled++;
      ctx.emit({ kind: "invoked", tick });
      const event = {
        version: "0",
        id: `local-${tick}`,
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: new Date(ctx.timers.now()).toISOString(),
        resources: [rule.state.arn],
        detail: {},
      };
      for (const fn of functions) {
        fn.invokeAsync(event).then(
          () => ctx.onSettled(),
          (error: Error) => ctx.error(`${fn.name}: ${error.message}`),
        );
      }
    },
    options.keepRunning ? undefined : options.invocations,
    (ms) => {
      if (ms >= LONG_WAIT_MS) ctx.emit({ kind: "next-invocation", inMs: ms });
    },
    ctx.timers,
  );
  ctx.schedulers.push(scheduler);
};
