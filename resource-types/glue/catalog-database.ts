/** The Glue database of a stack's lake tables. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import catalogDatabaseCalls from "./catalog-database.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "glue", `database/${name}`);

/** The account's Glue Data Catalog, which every database is in: no resource of a stack, but named by its grants. */
export const glueCatalogArn = (env: ArnEnv): string => arn(env, "glue", "catalog");

export const glueCatalogDatabase: ResourceType = {
  token: "aws:glue/catalogDatabase:CatalogDatabase",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(`${env.accountId}:${n}`, n, arnOf(env, n), inputs);
  },
  calls: catalogDatabaseCalls as TypeCalls,
};
