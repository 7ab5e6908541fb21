/** The partition every ARN is written in. */
import { type DataSource } from "../resource-type";

export const awsGetPartition: DataSource = {
  token: "aws:index/getPartition:getPartition",
  answer: (_args, env) => ({
    partition: env.partition,
    dnsSuffix: "amazonaws.com",
    id: env.partition,
    reverseDnsPrefix: "com.amazonaws",
  }),
  calls: {
    terraform: "data.aws_partition",
    source: "internal/service/meta/partition_data_source.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [],
    read: [],
    update: [],
    delete: [],
  },
};
