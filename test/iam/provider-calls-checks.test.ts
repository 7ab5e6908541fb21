/**
 * The permission table's load-time checks: a mistake in a type's calls (resource-types/) is refused with
 * its type and row named, before any role is built from it; a well-formed entry loads unchanged.
 */
import { expect } from "chai";
import { checked } from "../../iam/provider-calls";

const WHERE = "resource-types: aws:kinesis/stream:Stream";

/** A well-formed entry with one row per phase; each case breaks one thing in a fresh copy. */
function entry(): Record<string, unknown> {
  return {
    terraform: "aws_kinesis_stream",
    source: "internal/service/kinesis/stream.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [{ call: "CreateStream", action: "kinesis:CreateStream", on: "stream", when: "always" }],
    read: [
      {
        call: "DescribeStreamSummary",
        action: "kinesis:DescribeStreamSummary",
        on: ["stream"],
        when: "always",
      },
    ],
    update: [],
    delete: [{ call: "DeleteStream", action: "kinesis:DeleteStream", on: "stream", when: "always" }],
  };
}

const refusal = (value: unknown) => {
  try {
    checked(WHERE, value);
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

/** The entry with `row` as the second row of `phase` (after a valid one, so the index is 1). */
function withRow(phase: "create" | "read" | "update" | "delete", row: Record<string, unknown>) {
  const e = entry();
  e[phase] = [
    { call: "ListTagsForStream", action: "kinesis:ListTagsForStream", on: "stream", when: "always" },
    { call: "X", when: "always", on: "stream", ...row },
  ];
  return e;
}

describe("the permission table's checks of its data (iam/provider-calls)", () => {
  it("loads a well-formed entry as it is", () => {
    const e = entry();
    expect(checked(WHERE, e)).to.equal(e);
    expect(refusal({ ...entry(), declaredBy: ["bootstrap"] })).to.equal("accepted");
    expect(refusal({ ...entry(), declaredBy: [] })).to.equal("accepted");
  });

  for (const [what, change] of [
    ["no terraform name", { terraform: undefined }],
    ["no provider source", { source: undefined }],
    ["a terraform name that is not text", { terraform: 1 }],
  ] as const) {
    it(`refuses an entry with ${what}`, () => {
      expect(refusal({ ...entry(), ...change })).to.equal(`${WHERE}: terraform and source are required`);
    });
  }

  for (const [what, declaredBy] of [
    ["no declaring program", undefined],
    ["declaring programs as text", "stacks"],
    ["an unknown program", ["stacks", "stack"]],
  ] as const) {
    it(`refuses an entry with ${what}`, () => {
      expect(refusal({ ...entry(), declaredBy })).to.equal(
        `${WHERE}: declaredBy must list "stacks" and/or "bootstrap"`,
      );
    });
  }

  for (const phase of ["create", "read", "update", "delete"] as const) {
    it(`refuses an entry whose ${phase} is not a list`, () => {
      expect(refusal({ ...entry(), [phase]: undefined })).to.equal(
        `${WHERE}: ${phase} must be a list (empty when no call)`,
      );
      expect(refusal({ ...entry(), [phase]: { call: "X" } })).to.equal(
        `${WHERE}: ${phase} must be a list (empty when no call)`,
      );
    });
  }

  it("accepts the spellings of actions AWS has (digits, hyphenated services)", () => {
    for (const action of [
      "s3:GetObject",
      "ec2:DescribeVpcs",
      "aws-marketplace:ViewSubscriptions",
      "s3:PutObjectV2",
    ])
      expect(refusal(withRow("update", { action })), action).to.equal("accepted");
  });

  for (const action of [
    "kinesis:*",
    "kinesis:Put*",
    "kinesis:PutRecord ",
    " kinesis:PutRecord",
    "Kinesis:PutRecord",
    "kinesis:",
    ":PutRecord",
    "kinesis PutRecord",
    "kinesis:Put:Record",
    "kinesis_x:PutRecord",
    "kinesis:Put-Record",
  ]) {
    it(`refuses the action "${action}", naming its row`, () => {
      expect(refusal(withRow("read", { action }))).to.equal(`${WHERE} read[1]: action "${action}"`);
    });
  }

  it("refuses an unknown kind, alone or in a list", () => {
    expect(refusal(withRow("delete", { action: "kinesis:DeleteStream", on: "streams" }))).to.equal(
      `${WHERE} delete[1]: unknown kind "streams"`,
    );
    expect(refusal(withRow("create", { action: "kinesis:AddTagsToStream", on: ["stream", "tag"] }))).to.equal(
      `${WHERE} create[1]: unknown kind "tag"`,
    );
  });

  it("accepts every kind the stacks' ARN patterns resolve, alone or several", () => {
    expect(
      refusal(withRow("read", { action: "kms:Decrypt", on: ["kinesisKey", "stackSecretsKey"] })),
    ).to.equal("accepted");
    expect(refusal(withRow("read", { action: "sts:GetCallerIdentity", on: "*" }))).to.equal("accepted");
  });

  it("refuses iam:PassRole without the service it passes the role to", () => {
    const message = `${WHERE} create[1]: iam:PassRole needs the iam:PassedToService it passes the role to`;
    const passRole = (condition?: object) =>
      refusal(withRow("create", { action: "iam:PassRole", on: "functionRole", condition }));
    expect(passRole()).to.equal(message);
    expect(passRole({ StringLike: { "iam:PassedToService": "lambda.amazonaws.com" } })).to.equal(message);
    expect(passRole({ StringEquals: { "iam:AssociatedResourceArn": "<function>" } })).to.equal(message);
    expect(passRole({ StringEquals: { "iam:PassedToService": "" } })).to.equal(message);
    expect(passRole({ StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } })).to.equal(
      "accepted",
    );
  });

  it("asks no condition of other actions", () => {
    expect(refusal(withRow("create", { action: "iam:CreateRole", on: "functionRole" }))).to.equal("accepted");
  });
});
