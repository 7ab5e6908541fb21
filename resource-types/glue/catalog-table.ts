/** A Glue table of the lake (raw and curated): the schema Firehose converts to and Athena reads. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import catalogTableCalls from "./catalog-table.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "glue", `table/${text(inputs ?? {}, "databaseName")}/${name}`);

export const glueCatalogTable: ResourceType = {
  token: "aws:glue/catalogTable:CatalogTable",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(`${env.accountId}:${text(inputs, "databaseName")}:${n}`, n, arnOf(env, n, inputs), inputs);
  },
  local: "read",
  calls: catalogTableCalls as TypeCalls,
};
