/**
 * The bootstrap's configuration as an administrator writes it: what is read (trimmed, listed), the values
 * accepted at the edges of each rule, and each refusal's key and message. The rules guard the roles' trust
 * (the repository), the state bucket's policy (the admins) and the stacks' IAM scope (their names).
 */
import { expect } from "chai";
import { parseBootstrapConfig } from "../../bootstrap/config";
import { isStackConfigError } from "../../config/errors";

const P = "punkapi-consumer-bootstrap";
const k = (name: string) => `${P}:${name}`;

/** A complete configuration, as Pulumi hands it over (every key set, defaults included). */
const RAW: Record<string, string> = {
  "aws:region": "eu-west-1",
  [k("githubRepository")]: "example-org/punkapi-consumer",
  [k("adminPrincipalArns")]: "arn:aws:iam::123456789012:role/Admin",
  [k("pipelineProject")]: "punkapi-consumer",
  [k("stacks")]: "test,prod",
  [k("approvalStacks")]: "prod",
  [k("approvers")]: "example-maintainer",
  [k("stateNoncurrentVersionDays")]: "90",
  [k("githubOidcProviderArn")]: "",
};

const parse = (override: Record<string, string | undefined>) => {
  const raw = { ...RAW, ...override };
  for (const [key, value] of Object.entries(raw)) if (value === undefined) delete raw[key];
  return parseBootstrapConfig(raw as Record<string, string>, P);
};

/** The refusal's message (its key included), or "accepted". */
function refusal(override: Record<string, string | undefined>): string {
  try {
    parse(override);
  } catch (e) {
    if (isStackConfigError(e)) return e.message;
    throw e;
  }
  return "accepted";
}

const refused = (key: string, message: string) => `invalid stack configuration: ${k(key)} ${message}`;

describe("bootstrap configuration", () => {
  it("reads every key, trimmed, lists split on commas", () => {
    expect(
      parse({
        [k("githubRepository")]: "  example-org/punkapi.consumer_2  ",
        [k("adminPrincipalArns")]:
          " arn:aws:iam::123456789012:role/Admin , arn:aws-us-gov:iam::123456789012:user/ops/jane.doe@example ",
        [k("pipelineProject")]: " punkapi-consumer ",
        [k("stacks")]: " test , prod ,staging2",
        [k("approvalStacks")]: "prod, staging2",
        [k("approvers")]: "example-maintainer, a",
        [k("stateNoncurrentVersionDays")]: " 3650 ",
        [k("githubOidcProviderArn")]:
          " arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com ",
      }),
    ).to.deep.equal({
      project: P,
      region: "eu-west-1",
      githubRepository: "example-org/punkapi.consumer_2",
      adminPrincipalArns: [
        "arn:aws:iam::123456789012:role/Admin",
        "arn:aws-us-gov:iam::123456789012:user/ops/jane.doe@example",
      ],
      pipelineProject: "punkapi-consumer",
      stacks: ["test", "prod", "staging2"],
      approvalStacks: ["prod", "staging2"],
      approvers: ["example-maintainer", "a"],
      stateNoncurrentVersionDays: 3650,
      githubOidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    });
  });

  it("leaves the optional keys empty: no deploy approval, GitHub's provider to be created", () => {
    const config = parse({
      [k("approvalStacks")]: undefined,
      [k("githubOidcProviderArn")]: undefined,
      [k("stateNoncurrentVersionDays")]: "1",
    });
    expect([
      config.approvalStacks,
      config.githubOidcProviderArn,
      config.stateNoncurrentVersionDays,
    ]).to.deep.equal([[], undefined, 1]);
    expect(parse({ [k("githubOidcProviderArn")]: "   " }).githubOidcProviderArn).to.equal(undefined);
  });

  it("requires the keys without a default, set and not blank", () => {
    for (const key of ["githubRepository", "adminPrincipalArns", "pipelineProject", "stacks"]) {
      expect(refusal({ [k(key)]: undefined }), key).to.equal(refused(key, "is required"));
      expect(refusal({ [k(key)]: "  " }), key).to.equal(refused(key, "is required"));
    }
    expect(refusal({ [k("stateNoncurrentVersionDays")]: undefined })).to.equal(
      refused("stateNoncurrentVersionDays", "is required"),
    );
  });

  it("takes the repository as owner/name only", () => {
    for (const bad of [
      "punkapi-consumer",
      "@example-org/punkapi-consumer",
      "example-org/punkapi-consumer!",
      "a/b/c",
      "example_org/x",
      "/x",
      "x/",
    ])
      expect(refusal({ [k("githubRepository")]: bad }), bad).to.equal(
        refused("githubRepository", `must be owner/name, got "${bad}"`),
      );
    expect(refusal({ [k("githubRepository")]: "Example-Org9/Punkapi.Consumer_9-x" })).to.equal("accepted");
  });

  it("takes the admins as IAM role or user ARNs of a 12-digit account", () => {
    for (const bad of [
      "arn:aws:iam::123456789012:root",
      "arn:aws:iam::12345678901:role/Admin",
      "arn:aws:iam::123456789012:group/Admins",
      "arn:aws:sts::123456789012:assumed-role/Admin/me",
      "arn:aws:iam::123456789012:role/",
      "xarn:aws:iam::123456789012:role/Admin",
      "arn:aws:iam::123456789012:role/Admin us",
      "arn:aws:iam::123456789012:role/Admin!",
    ])
      expect(refusal({ [k("adminPrincipalArns")]: bad }), bad).to.equal(
        refused("adminPrincipalArns", `must list IAM role or user ARNs, got "${bad}"`),
      );
    expect(
      refusal({ [k("adminPrincipalArns")]: "arn:aws-cn:iam::123456789012:role/a_b+c=d.e@f-g/Z9" }),
    ).to.equal("accepted");
  });

  it("takes the pipeline project in lower-case letters, digits and -", () => {
    for (const bad of ["Punkapi", "punkapi_consumer", "punkapi consumer"])
      expect(refusal({ [k("pipelineProject")]: bad }), bad).to.equal(
        refused("pipelineProject", `must be lower-case letters, digits and -, got "${bad}"`),
      );
    expect(refusal({ [k("pipelineProject")]: "p-2" })).to.equal("accepted");
  });

  it("names the stack, the approval stack and the approver it refuses", () => {
    expect(refusal({ [k("stacks")]: "test,pro-d" })).to.match(
      /^invalid stack configuration: punkapi-consumer-bootstrap:stacks "pro-d": a stack name is 1 to 20 lower-case letters/,
    );
    expect(refusal({ [k("approvalStacks")]: "prod,staging" })).to.equal(
      refused("approvalStacks", `"staging" is not one of the stacks (test, prod)`),
    );
    for (const bad of ["-maintainer", "maintainer-", "main_tainer", "a".repeat(40)])
      expect(refusal({ [k("approvers")]: bad }), bad).to.equal(
        refused("approvers", `must list GitHub usernames, got "${bad}"`),
      );
    expect(refusal({ [k("approvers")]: `A-${"b".repeat(36)}9` })).to.equal("accepted");
  });

  it("requires approvers, whether or not a deploy waits for one: every pull request's preview does", () => {
    const missing = refused(
      "approvers",
      "is required: every pull request's preview waits for one of them before it gets AWS credentials",
    );
    expect(refusal({ [k("approvers")]: "" })).to.equal(missing);
    expect(refusal({ [k("approvers")]: "", [k("approvalStacks")]: "" })).to.equal(missing);
    expect(refusal({ [k("approvers")]: "octocat", [k("approvalStacks")]: "" })).to.equal("accepted");
  });

  it("takes an existing OIDC provider only if it is GitHub's", () => {
    for (const bad of [
      "arn:aws:iam::123456789012:role/x",
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com.evil",
      "arn:aws:iam::123456789012:oidc-provider/tokenXactions.githubusercontent.com",
      "arn:aws:iam::1234567890123:oidc-provider/token.actions.githubusercontent.com",
      "x:arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    ])
      expect(refusal({ [k("githubOidcProviderArn")]: bad }), bad).to.equal(
        refused(
          "githubOidcProviderArn",
          `must be the ARN of GitHub's OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com) or empty, got "${bad}"`,
        ),
      );
    expect(
      refusal({
        [k("githubOidcProviderArn")]:
          "arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      }),
    ).to.equal("accepted");
  });

  it("keeps old state versions 1 to 3650 days", () => {
    expect(refusal({ [k("stateNoncurrentVersionDays")]: "0" })).to.equal(
      refused("stateNoncurrentVersionDays", "must be between 1 and 3650, got 0"),
    );
    expect(refusal({ [k("stateNoncurrentVersionDays")]: "3651" })).to.equal(
      refused("stateNoncurrentVersionDays", "must be between 1 and 3650, got 3651"),
    );
  });

  it("refuses a region that is not one", () => {
    expect(refusal({ "aws:region": "mars-1" })).to.equal(
      'invalid stack configuration: aws:region must be an AWS region such as us-east-1, got "mars-1"',
    );
  });
});
