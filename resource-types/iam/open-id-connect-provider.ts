/** GitHub's OIDC identity provider, which the bootstrap's roles trust. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import openIdConnectProviderCalls from "./open-id-connect-provider.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "iam", `oidc-provider/${name}`, "account");

export const iamOpenIdConnectProvider: ResourceType = {
  token: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  arn: arnOf,
  reported: (_name, inputs, env) => {
    const host = String(inputs.url ?? "").replace(/^https:\/\//, "");
    const a = arnOf(env, host);
    return { id: a, state: { ...inputs, arn: a } };
  },
  calls: openIdConnectProviderCalls as TypeCalls,
};
