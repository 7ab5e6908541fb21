/**
 * The Glue Data Quality ruleset of the curated table (quality/beers.dqdl). Rulesets cost nothing at rest:
 * Glue Data Quality charges for the evaluation runs, which this stack does not start, so no price line.
 */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import type { TypeCalls } from "../calls";
import dataQualityRulesetCalls from "./data-quality-ruleset.calls.json";

// The Service Authorization Reference's format: arn:${Partition}:glue:${Region}:${Account}:dataQualityRuleset/${RulesetName}.
const arnOf = (env: ArnEnv, name: string): string => arn(env, "glue", `dataQualityRuleset/${name}`);

export const glueDataQualityRuleset: ResourceType = {
  token: "aws:glue/dataQualityRuleset:DataQualityRuleset",
  arn: arnOf,
  // The provider sets the id to the name (resourceDataQualityRulesetCreate: d.SetId(name)).
  reported: reportsNameAndArn(arnOf),
  plan: ["targetTable"],
  calls: dataQualityRulesetCalls as TypeCalls,
};
