/**
 * The rows the roles are built from (rowsFor): only the types the program declares, only the phases asked,
 * and only the types named when a policy covers some types (the KMS key policy covers the key).
 */
import { expect } from "chai";
import { rowsFor } from "../../iam/provider-calls";

const STREAM = "aws:kinesis/stream:Stream";
const KEY = "aws:kms/key:Key";

const summary = (rows: ReturnType<typeof rowsFor>) => rows.map((r) => `${r.type} ${r.phase} ${r.action}`);

describe("the rows of the permission table a role is built from (iam/provider-calls)", () => {
  it("are the named type's rows of the phases asked, in order, for the program that declares it", () => {
    expect(summary(rowsFor("stacks", ["delete"], [STREAM]))).to.deep.equal([
      `${STREAM} delete kinesis:DeleteStream`,
      `${STREAM} delete kinesis:DescribeStreamSummary`,
    ]);
  });

  it("leave out the types the program does not declare", () => {
    // The stream is the stacks' alone (resource-types/kinesis/stream.ts).
    expect(rowsFor("bootstrap", ["create", "read", "update", "delete"], [STREAM])).to.deep.equal([]);
  });

  it("leave out the types not named, and name every declared type when none is", () => {
    const named = rowsFor("stacks", ["delete"], [STREAM, KEY]);
    expect([...new Set(named.map((r) => r.type))]).to.have.members([KEY, STREAM]);
    const every = new Set(rowsFor("stacks", ["delete"]).map((r) => r.type));
    expect(every).to.include.members([STREAM, KEY, "aws:s3/bucket:Bucket", "aws:lambda/function:Function"]);
    expect(every).not.to.include("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
  });
});
