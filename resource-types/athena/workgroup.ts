/** The Athena workgroup that queries a stack's lake. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "athena", `workgroup/${name}`);

export const athenaWorkgroup: ResourceType = {
  token: "aws:athena/workgroup:Workgroup",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  calls: {
    terraform: "aws_athena_workgroup",
    source: "internal/service/athena/workgroup.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateWorkGroup",
        action: "athena:CreateWorkGroup",
        on: "workgroup",
        when: "always (Configuration incl. ResultConfiguration OutputLocation + EncryptionConfiguration; Tags if non-empty)",
      },
      {
        call: "GetWorkGroup",
        action: "athena:GetWorkGroup",
        on: "workgroup",
        when: "always (tail-call resourceWorkGroupRead)",
      },
      {
        call: "ListTagsForResource",
        action: "athena:ListTagsForResource",
        on: "workgroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/athena/tags_gen.go",
      },
    ],
    read: [
      {
        call: "GetWorkGroup",
        action: "athena:GetWorkGroup",
        on: "workgroup",
        when: "always",
      },
      {
        call: "ListTagsForResource",
        action: "athena:ListTagsForResource",
        on: "workgroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/athena/tags_gen.go",
      },
    ],
    update: [
      {
        call: "UpdateWorkGroup",
        action: "athena:UpdateWorkGroup",
        on: "workgroup",
        when: "any change except tags/tags_all (note: a force_destroy-only change also triggers UpdateWorkGroup with an empty update, since force_destroy is not excluded)",
      },
      {
        call: "GetWorkGroup",
        action: "athena:GetWorkGroup",
        on: "workgroup",
        when: "always (tail-call resourceWorkGroupRead)",
      },
      {
        call: "ListTagsForResource",
        action: "athena:ListTagsForResource",
        on: "workgroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/athena/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteWorkGroup",
        action: "athena:DeleteWorkGroup",
        on: "workgroup",
        when: "always (RecursiveDeleteOption = force_destroy); errors not tolerated; no waiter",
      },
    ],
  },
};
