/**
 * What AWS would report back for a created resource (its id and the computed attributes the program reads)
 * and what a data source answers, from each type's module in the registry (resource-types/). Used by the
 * Pulumi mocks of the tests and of the local run. A type the registry lacks is refused with its token named:
 * a resource type the program declares must be known everywhere a type is read.
 */
import type { AwsEnv } from "../../model/names";
import { dataSource, resourceType } from "../../resource-types";
import type { Inputs, ResourceState } from "../../resource-types/resource-type";

/** The account every local run and test stands in for (the region is each stack's own `aws:region`). */
export const LOCAL_ACCOUNT = { partition: "aws", accountId: "123456789012" } as const;

export type { ResourceState };

export function awsResourceState(type: string, name: string, inputs: Inputs, env: AwsEnv): ResourceState {
  const reported = resourceType(type).reported;
  return reported ? reported(name, inputs, env) : { id: `${name}-id`, state: { ...inputs } };
}

/** Answers to the data-source calls the program makes. */
export function awsCall(token: string, args: Inputs, env: AwsEnv): Record<string, unknown> {
  return dataSource(token).answer(args, env);
}
