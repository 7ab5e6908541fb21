/** The alarm topic. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "sns", name);

export const snsTopic: ResourceType = {
  token: "aws:sns/topic:Topic",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n);
    return named(a, n, a, inputs);
  },
  plan: ["name", "kmsMasterKeyId"],
  calls: {
    terraform: "aws_sns_topic",
    source: "internal/service/sns/topic.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "GetTopicAttributes",
        action: "sns:GetTopicAttributes",
        on: "topic",
        when: 'always in Pulumi (not in upstream Terraform): checks that arn:<partition>:sns:<region>:<account>:<name> does NOT exist; NotFound => continue, success => "already exists" error, any other error (e.g',
        source: "pulumi-aws",
      },
      {
        call: "CreateTopic",
        action: "sns:CreateTopic",
        on: "topic",
        when: "always; Name, Tags (if any), Attributes only for FifoTopic/FifoThroughputScope",
      },
      {
        call: "SetTopicAttributes",
        action: "sns:SetTopicAttributes",
        on: "topic",
        when: "once PER attribute produced by topicAttributeMap.ResourceDataToAPIAttributesCreate: KmsMasterKeyId",
      },
      {
        call: "ListTagsForResource",
        action: "sns:ListTagsForResource",
        on: "topic",
        when: "always (resourceTopicRead never calls setTagsOut, so the interceptor lists tags on every read, including the read at the end of create/update)",
      },
    ],
    read: [
      {
        call: "GetTopicAttributes",
        action: "sns:GetTopicAttributes",
        on: "topic",
        when: "always (retried up to propagationTimeout while the Policy attribute contains non-ARN principals)",
      },
      {
        call: "ListTagsForResource",
        action: "sns:ListTagsForResource",
        on: "topic",
        when: "always (resourceTopicRead never calls setTagsOut, so the interceptor lists tags on every read, including the read at the end of create/update)",
      },
    ],
    update: [
      {
        call: "SetTopicAttributes",
        action: "sns:SetTopicAttributes",
        on: "topic",
        when: "once per changed attribute (e.g. kms_master_key_id) when anything other than tags changed; name is ForceNew",
      },
      {
        call: "GetTopicAttributes",
        action: "sns:GetTopicAttributes",
        on: "topic",
        when: "always (retried up to propagationTimeout while the Policy attribute contains non-ARN principals)",
      },
      {
        call: "ListTagsForResource",
        action: "sns:ListTagsForResource",
        on: "topic",
        when: "always (resourceTopicRead never calls setTagsOut, so the interceptor lists tags on every read, including the read at the end of create/update)",
      },
    ],
    delete: [
      {
        call: "DeleteTopic",
        action: "sns:DeleteTopic",
        on: "topic",
        when: "always; NotFound treated as success; no waiter",
      },
    ],
  },
};
