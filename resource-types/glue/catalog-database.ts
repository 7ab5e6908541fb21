/** The Glue database of a stack's lake tables. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "glue", `database/${name}`);

export const glueCatalogDatabase: ResourceType = {
  token: "aws:glue/catalogDatabase:CatalogDatabase",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(`${env.accountId}:${n}`, n, arnOf(env, n), inputs);
  },
  calls: {
    terraform: "aws_glue_catalog_database",
    source: "internal/service/glue/catalog_database.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateDatabase",
        action: "glue:CreateDatabase",
        on: ["glueCatalog", "glueDatabase"],
        when: "always (CatalogId = catalog_id or account id; Tags if non-empty)",
      },
      {
        call: "GetDatabase",
        action: "glue:GetDatabase",
        on: ["glueCatalog", "glueDatabase"],
        when: "always (tail-call resourceCatalogDatabaseRead)",
      },
      {
        call: "GetTags",
        action: "glue:GetTags",
        on: ["glueDatabase"],
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/glue/tags_gen.go",
      },
    ],
    read: [
      {
        call: "GetDatabase",
        action: "glue:GetDatabase",
        on: ["glueCatalog", "glueDatabase"],
        when: "always",
      },
      {
        call: "GetTags",
        action: "glue:GetTags",
        on: ["glueDatabase"],
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/glue/tags_gen.go",
      },
    ],
    update: [
      {
        call: "UpdateDatabase",
        action: "glue:UpdateDatabase",
        on: ["glueCatalog", "glueDatabase"],
        when: "any change except tags/tags_all",
      },
      {
        call: "GetDatabase",
        action: "glue:GetDatabase",
        on: ["glueCatalog", "glueDatabase"],
        when: "always (tail-call resourceCatalogDatabaseRead)",
      },
      {
        call: "GetTags",
        action: "glue:GetTags",
        on: ["glueDatabase"],
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/glue/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteDatabase",
        action: "glue:DeleteDatabase",
        on: ["glueCatalog", "glueDatabase", "glueTable", "glueFunction"],
        when: "always; EntityNotFoundException ignored; no waiter",
      },
    ],
  },
};
