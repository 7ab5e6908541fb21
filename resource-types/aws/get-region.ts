/** The stack's region. */
import { type DataSource } from "../resource-type";

export const awsGetRegion: DataSource = {
  token: "aws:index/getRegion:getRegion",
  answer: (_args, env) => ({
    name: env.region,
    region: env.region,
    id: env.region,
    endpoint: `ec2.${env.region}.amazonaws.com`,
  }),
  calls: {
    terraform: "data.aws_region",
    source: "internal/service/meta/region_data_source.go",
    declaredBy: ["stacks"],
    create: [],
    read: [],
    update: [],
    delete: [],
  },
};
