/** GitHub's OIDC identity provider, which the bootstrap's roles trust. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "iam", `oidc-provider/${name}`, "account");

export const iamOpenIdConnectProvider: ResourceType = {
  token: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  arn: arnOf,
  reported: (_name, inputs, env) => {
    const host = String(inputs.url ?? "").replace(/^https:\/\//, "");
    const a = arnOf(env, host);
    return { id: a, state: { ...inputs, arn: a } };
  },
  calls: {
    terraform: "aws_iam_openid_connect_provider",
    source: "internal/service/iam/openid_connect_provider.go",
    declaredBy: ["bootstrap"],
    create: [
      {
        call: "CreateOpenIDConnectProvider",
        action: "iam:CreateOpenIDConnectProvider",
        on: "oidcProvider",
        when: "always; ClientIDList, Url, Tags (if any); ThumbprintList only if thumbprint_list configured",
      },
      {
        call: "GetOpenIDConnectProvider",
        action: "iam:GetOpenIDConnectProvider",
        on: "oidcProvider",
        when: "always",
      },
    ],
    read: [
      {
        call: "GetOpenIDConnectProvider",
        action: "iam:GetOpenIDConnectProvider",
        on: "oidcProvider",
        when: "always",
      },
    ],
    update: [
      {
        call: "GetOpenIDConnectProvider",
        action: "iam:GetOpenIDConnectProvider",
        on: "oidcProvider",
        when: "always",
      },
    ],
    delete: [
      {
        call: "DeleteOpenIDConnectProvider",
        action: "iam:DeleteOpenIDConnectProvider",
        on: "oidcProvider",
        when: "always; NoSuchEntity treated as success",
      },
    ],
  },
};
