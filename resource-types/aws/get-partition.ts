/** The partition every ARN is written in. */
import { type DataSource } from "../resource-type";
import type { TypeCalls } from "../calls";
import getPartitionCalls from "./get-partition.calls.json";

export const awsGetPartition: DataSource = {
  token: "aws:index/getPartition:getPartition",
  answer: (_args, env) => ({
    partition: env.partition,
    dnsSuffix: "amazonaws.com",
    id: env.partition,
    reverseDnsPrefix: "com.amazonaws",
  }),
  calls: getPartitionCalls as TypeCalls,
};
