/** A Glue table of the lake (raw and curated): the schema Firehose converts to and Athena reads. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";

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
  calls: {
    terraform: "aws_glue_catalog_table",
    source: "internal/service/glue/catalog_table.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateTable",
        action: "glue:CreateTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always (TableInput with TableType EXTERNAL_TABLE or VIRTUAL_VIEW, PartitionKeys, Parameters, StorageDescriptor, ViewOriginalText/ViewExpandedText; PartitionIndexes only if partition_index configured)",
      },
      {
        call: "GetTable",
        action: "glue:GetTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "only when table_type == VIRTUAL_VIEW (for a legacy view without view_definition Status is nil -> treated as SUCCESS after the first GetTable)",
      },
      {
        call: "GetPartitionIndexes",
        action: "glue:GetPartitionIndexes",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always on every read (for VIRTUAL_VIEW too); only InvalidInputException 'Operation not supported' (multi-dialect views) is tolerated – AccessDenied fails the read",
        source: "internal/service/glue/partition_index.go",
      },
    ],
    read: [
      {
        call: "GetTable",
        action: "glue:GetTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always",
      },
      {
        call: "GetPartitionIndexes",
        action: "glue:GetPartitionIndexes",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always on every read (for VIRTUAL_VIEW too); only InvalidInputException 'Operation not supported' (multi-dialect views) is tolerated – AccessDenied fails the read",
        source: "internal/service/glue/partition_index.go",
      },
    ],
    update: [
      {
        call: "GetTable",
        action: "glue:GetTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always on update (to re-add managed parameters, e.g. Iceberg table_type/metadata_location)",
      },
      {
        call: "UpdateTable",
        action: "glue:UpdateTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always on update (full TableInput; ViewUpdateAction=REPLACE + Force=true only when view_definition block is used)",
      },
      {
        call: "GetPartitionIndexes",
        action: "glue:GetPartitionIndexes",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always on every read (for VIRTUAL_VIEW too); only InvalidInputException 'Operation not supported' (multi-dialect views) is tolerated – AccessDenied fails the read",
        source: "internal/service/glue/partition_index.go",
      },
    ],
    delete: [
      {
        call: "DeleteTable",
        action: "glue:DeleteTable",
        on: ["glueCatalog", "glueDatabase", "glueTable"],
        when: "always; EntityNotFoundException ignored; no waiter",
      },
    ],
  },
};
