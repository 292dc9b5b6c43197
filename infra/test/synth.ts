import { Template } from "aws-cdk-lib/assertions";
import { createCdkApp } from "../lib/cdk-app";
import { PromoBotStack, type PromoBotStackProps } from "../lib/promo-bot-stack";

/** The template `npm run infra:synth` writes for these props, ready for assertions. */
export function synthesize(props: PromoBotStackProps = {}, context: Record<string, unknown> = {}) {
  const app = createCdkApp({ context });
  return Template.fromStack(new PromoBotStack(app, "PromoBot", props));
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** The one resource of a type, failing the test when there is not exactly one. */
export function onlyResource(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

export function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

/**
 * What the CDK CLI would have looked up for an existing VPC: two AZs, public and private
 * subnets. Given as context, so the lookup path synthesizes offline with real-looking ids.
 */
export function existingVpcContext(vpcId: string, account: string, region: string) {
  const subnet = (id: string, az: string) => ({
    subnetId: `subnet-${id}`,
    availabilityZone: az,
    routeTableId: `rtb-${id}`,
  });
  return {
    [`vpc-provider:account=${account}:filter.vpc-id=${vpcId}:region=${region}:returnAsymmetricSubnets=true`]:
      {
        vpcId,
        vpcCidrBlock: "10.20.0.0/16",
        availabilityZones: [],
        subnetGroups: [
          {
            name: "Public",
            type: "Public",
            subnets: [
              subnet("0a0a0a0a0a0a0a0a1", `${region}a`),
              subnet("0a0a0a0a0a0a0a0a2", `${region}b`),
            ],
          },
          {
            name: "Private",
            type: "Private",
            subnets: [
              subnet("0b0b0b0b0b0b0b0b1", `${region}a`),
              subnet("0b0b0b0b0b0b0b0b2", `${region}b`),
            ],
          },
        ],
      },
  };
}
