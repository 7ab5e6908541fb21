/**
 * An EventBridge rule with its targets: a timer at the rule's period divided by the run's speed, sending
 * the Scheduled Event to each target function, provided the function's own policy lets EventBridge
 * invoke it for this rule (as Lambda would refuse otherwise). It stops after the run's invocations.
 * It is given the functions realised before it, and returns its scheduler, not started.
 */
import { localPeriodMs, Scheduler } from "../../stand-ins/schedule/scheduler";
import type { Realiser } from "./realiser";
import { lambdaPermission } from "../../../resource-types/lambda/permission";
import { cloudwatchEventTarget } from "../../../resource-types/cloudwatch/event-target";
import { lambdaFunction } from "../../../resource-types/lambda/function";

/** A wait worth a word: the run says when the next invocation comes. */
export const LONG_WAIT_MS = 5000;

// (Checked against Realiser, but typed as what it is: synchronous.)
export const eventRule = ((rule, run, sinks, { functions: realised }) => {
  const { declared, options } = run;
  const functions = declared
    .ofType(cloudwatchEventTarget.token)
    .filter((t) => t.inputs.rule === rule.inputs.name)
    .map((t) => {
      const fn = declared.byArn(t.inputs.arn, lambdaFunction.token);
      const allowed = declared
        .ofType(lambdaPermission.token)
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
      return realised.find((f) => f.local.name === fn.inputs.name)!.local;
    });
  return new Scheduler(
    localPeriodMs(String(rule.inputs.scheduleExpression), options.speed),
    (tick) => {
      sinks.tally.scheduled++;
      sinks.emit({ kind: "invoked", tick });
      const event = {
        version: "0",
        id: `local-${tick}`,
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: new Date(run.timers.now()).toISOString(),
        resources: [rule.state.arn],
        detail: {},
      };
      for (const fn of functions) {
        fn.invokeAsync(event).then(
          () => sinks.onSettled(),
          (error: Error) => sinks.error(`${fn.name}: ${error.message}`),
        );
      }
    },
    options.keepRunning ? undefined : options.invocations,
    (ms) => {
      if (ms >= LONG_WAIT_MS) sinks.emit({ kind: "next-invocation", inMs: ms });
    },
    run.timers,
  );
}) satisfies Realiser<Scheduler, "functions">;
