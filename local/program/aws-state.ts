/**
 * What AWS would report back for a created resource: its id and the computed attributes (ARN, name) the
 * program reads. It follows each service's ARN format, so a policy built from planned ARNs can be checked
 * against what the resources really get. Used by the Pulumi mocks of the tests and of the local run.
 */
import type { AwsEnv } from "../../model/names";

/** The account every local run and test stands in for (the region is each stack's own `aws:region`). */
export const LOCAL_ACCOUNT = { partition: "aws", accountId: "123456789012" } as const;

export interface ResourceState {
  id: string;
  state: Record<string, unknown>;
}

type Inputs = Record<string, unknown>;

export function awsResourceState(type: string, name: string, inputs: Inputs, env: AwsEnv): ResourceState {
  const { partition: p, region: r, accountId: a } = env;
  const str = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : undefined);
  const physical = str("name") ?? name;
  const arn = (service: string, resource: string, regional = true) =>
    `arn:${p}:${service}:${regional ? r : ""}:${regional ? a : ""}:${resource}`;
  switch (type) {
    case "aws:kinesis/stream:Stream":
      return {
        id: physical,
        state: { ...inputs, name: physical, arn: arn("kinesis", `stream/${physical}`) },
      };
    case "aws:s3/bucket:Bucket": {
      const bucket = str("bucket") ?? name;
      return { id: bucket, state: { ...inputs, bucket, arn: `arn:${p}:s3:::${bucket}` } };
    }
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const host = String(inputs.url ?? "").replace(/^https:\/\//, "");
      return {
        id: `arn:${p}:iam::${a}:oidc-provider/${host}`,
        state: { ...inputs, arn: `arn:${p}:iam::${a}:oidc-provider/${host}` },
      };
    }
    case "aws:iam/role:Role":
      return {
        id: physical,
        state: { ...inputs, name: physical, arn: `arn:${p}:iam::${a}:role${str("path") ?? "/"}${physical}` },
      };
    case "aws:iam/policy:Policy": {
      const policyArn = `arn:${p}:iam::${a}:policy${str("path") ?? "/"}${physical}`;
      return { id: policyArn, state: { ...inputs, name: physical, arn: policyArn } };
    }
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        id: `${a}:${physical}`,
        state: { ...inputs, name: physical, arn: arn("glue", `database/${physical}`) },
      };
    case "aws:glue/catalogTable:CatalogTable":
      return {
        id: `${a}:${str("databaseName")}:${physical}`,
        state: { ...inputs, name: physical, arn: arn("glue", `table/${str("databaseName")}/${physical}`) },
      };
    case "aws:athena/workgroup:Workgroup":
      return {
        id: physical,
        state: { ...inputs, name: physical, arn: arn("athena", `workgroup/${physical}`) },
      };
    case "aws:cloudwatch/logStream:LogStream":
      return {
        id: physical,
        state: {
          ...inputs,
          name: physical,
          arn: arn("logs", `log-group:${str("logGroupName")}:log-stream:${physical}`),
        },
      };
    case "aws:cloudwatch/dashboard:Dashboard": {
      const dashboard = str("dashboardName") ?? name;
      return {
        id: dashboard,
        state: {
          ...inputs,
          dashboardName: dashboard,
          dashboardArn: `arn:${p}:cloudwatch::${a}:dashboard/${dashboard}`,
        },
      };
    }
    case "aws:sns/topicSubscription:TopicSubscription": {
      const subscription = `${str("topic")}:00000000-0000-4000-8000-${String(hash(name)).padStart(12, "0").slice(0, 12)}`;
      return { id: subscription, state: { ...inputs, arn: subscription } };
    }
    case "aws:kms/alias:Alias":
      return { id: physical, state: { ...inputs, name: physical, arn: arn("kms", physical) } };
    case "aws:lambda/function:Function":
      return {
        id: physical,
        state: {
          ...inputs,
          name: physical,
          arn: arn("lambda", `function:${physical}`),
          invokeArn: `arn:${p}:apigateway:${r}:lambda:path/2015-03-31/functions/${arn("lambda", `function:${physical}`)}/invocations`,
        },
      };
    case "aws:sqs/queue:Queue":
      return {
        id: `https://sqs.${r}.amazonaws.com/${a}/${physical}`,
        state: {
          ...inputs,
          name: physical,
          arn: arn("sqs", physical),
          url: `https://sqs.${r}.amazonaws.com/${a}/${physical}`,
        },
      };
    case "aws:sns/topic:Topic":
      return { id: arn("sns", physical), state: { ...inputs, name: physical, arn: arn("sns", physical) } };
    case "aws:kms/key:Key": {
      const keyId = `00000000-0000-4000-8000-${String(hash(name)).padStart(12, "0").slice(0, 12)}`;
      return { id: keyId, state: { ...inputs, keyId, arn: arn("kms", `key/${keyId}`) } };
    }
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      return {
        id: arn("firehose", `deliverystream/${physical}`),
        state: { ...inputs, name: physical, arn: arn("firehose", `deliverystream/${physical}`) },
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: physical,
        state: { ...inputs, name: physical, arn: arn("logs", `log-group:${physical}`) },
      };
    case "aws:cloudwatch/eventRule:EventRule":
      return { id: physical, state: { ...inputs, name: physical, arn: arn("events", `rule/${physical}`) } };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return {
        id: physical,
        state: { ...inputs, name: physical, arn: arn("cloudwatch", `alarm:${physical}`) },
      };
    default:
      return { id: `${name}-id`, state: { ...inputs } };
  }
}

/** Answers to the data-source calls the program makes. */
export function awsCall(token: string, args: Record<string, unknown>, env: AwsEnv): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      // An administrator's session, the one bootstrap/Pulumi.account.yaml names.
      return {
        accountId: env.accountId,
        arn: `arn:${env.partition}:sts::${env.accountId}:assumed-role/Admin/local`,
        userId: "AROALOCAL:local",
        id: env.accountId,
      };
    case "aws:iam/getSessionContext:getSessionContext": {
      const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(String(args.arn));
      return session
        ? {
            arn: args.arn,
            issuerArn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`,
            issuerName: session[3],
            sessionName: session[4],
            id: args.arn,
          }
        : { arn: args.arn, issuerArn: args.arn, id: args.arn };
    }
    case "github:index/getRepository:getRepository":
      return {
        fullName: args.fullName,
        name: String(args.fullName).split("/")[1],
        repoId: githubRepositoryId(String(args.fullName)),
        id: args.fullName,
      };
    case "aws:index/getRegion:getRegion":
      return {
        name: env.region,
        region: env.region,
        id: env.region,
        endpoint: `ec2.${env.region}.amazonaws.com`,
      };
    case "aws:index/getPartition:getPartition":
      return {
        partition: env.partition,
        dnsSuffix: "amazonaws.com",
        id: env.partition,
        reverseDnsPrefix: "com.amazonaws",
      };
    case "github:index/getUser:getUser":
      // A stand-in user id per login, as the GitHub API would answer.
      return { id: String(1000 + (hash(String(args.username)) % 100000)), login: args.username };
    default:
      throw new Error(`no local answer for the call ${token}`);
  }
}

/** The id GitHub would answer for a repository, a stand-in derived from its name. */
export function githubRepositoryId(fullName: string): number {
  return 700000 + (hash(fullName) % 100000);
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h;
}
