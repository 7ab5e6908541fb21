/**
 * IngestSchedule on its own: an EventBridge rule on the expression, named from the prefix it is given, the
 * function it is given as the rule's target, and the function's permission for EventBridge from that rule.
 */
import { expect } from "chai";
import { IngestSchedule } from "../../components/ingest/ingest-schedule";
import type { ProgramRun } from "../../local/harness/run-program";
import { one, parentType, runComponent } from "../helpers/program";

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:the-function";

describe("IngestSchedule", function () {
  this.timeout(20_000);
  let run: ProgramRun;
  before(async () => {
    run = await runComponent(() => {
      const s = new IngestSchedule("ingest", {
        namePrefix: "proj-stage",
        function: { name: "the-function", arn: FUNCTION_ARN },
        expression: "rate(15 minutes)",
      });
      return { rule: s.rule.name };
    });
  });

  it("runs the function on the schedule through EventBridge, allowed by the function's own policy", () => {
    const rule = one(run, "aws:cloudwatch/eventRule:EventRule");
    expect(rule.inputs).to.deep.equal({
      name: "proj-stage-schedule",
      description: "Runs the beer ingestion",
      scheduleExpression: "rate(15 minutes)",
    });
    expect(one(run, "aws:cloudwatch/eventTarget:EventTarget").inputs).to.deep.equal({
      rule: "proj-stage-schedule",
      arn: FUNCTION_ARN,
    });
    expect(one(run, "aws:lambda/permission:Permission").inputs).to.deep.equal({
      action: "lambda:InvokeFunction",
      function: "the-function",
      principal: "events.amazonaws.com",
      sourceArn: "arn:aws:events:us-east-1:123456789012:rule/proj-stage-schedule",
    });
    expect(run.outputs).to.deep.equal({ rule: "proj-stage-schedule" });
  });

  it("holds the rule, its target and the permission as its children, named from it, and registers the rule", () => {
    const component = one(run, "punkapi:ingest:IngestSchedule");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule ingest-schedule",
      "aws:cloudwatch/eventTarget:EventTarget ingest-schedule",
      "aws:lambda/permission:Permission ingest-schedule",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:ingest:IngestSchedule");
    expect(run.resources.filter((r) => r.custom)).to.have.length(3);
    expect(component.registeredOutputs).to.deep.equal({
      ruleName: "proj-stage-schedule",
      ruleArn: "arn:aws:events:us-east-1:123456789012:rule/proj-stage-schedule",
    });
  });
});
