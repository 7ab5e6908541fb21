/** A customer managed KMS key: the alarm topic's, and each stack's secrets key (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, generatedId } from "../resource-type";
import { line } from "../pricing";
import type { TypeCalls } from "../calls";
import keyCalls from "./key.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kms", `key/${name}`);

export const kmsKey: ResourceType = {
  token: "aws:kms/key:Key",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const keyId = generatedId(name);
    return { id: keyId, state: { ...inputs, keyId, arn: arnOf(env, keyId) } };
  },
  plan: ["enableKeyRotation"],
  price: (keys) => ({ lines: [line("KMS", "customer managed keys", keys.length, "kms.keyMonth")] }),
  calls: keyCalls as TypeCalls,
};
