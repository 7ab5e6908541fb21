/** The stack's region. */
import { type DataSource } from "../resource-type";
import type { TypeCalls } from "../calls";
import getRegionCalls from "./get-region.calls.json";

export const awsGetRegion: DataSource = {
  token: "aws:index/getRegion:getRegion",
  answer: (_args, env) => ({
    name: env.region,
    region: env.region,
    id: env.region,
    endpoint: `ec2.${env.region}.amazonaws.com`,
  }),
  calls: getRegionCalls as TypeCalls,
};
