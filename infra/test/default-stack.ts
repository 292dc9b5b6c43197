import { expect } from "vitest";
import { onlyResource, resourcesOf, synthesize } from "./synth";

// The stack with default props, and the pieces of it that several test files look at.

export const template = synthesize();

export interface Container {
  Image: unknown;
  Environment: { Name: string; Value: unknown }[];
  Secrets: { Name: string; ValueFrom: { Ref: string } }[];
  HealthCheck: { Command: string[] };
  PortMappings: { ContainerPort: number }[];
  LogConfiguration: { LogDriver: string; Options: Record<string, unknown> };
}
export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}

const [, taskDefinition] = onlyResource(template, "AWS::ECS::TaskDefinition");
export const container = (taskDefinition.Properties.ContainerDefinitions as Container[])[0]!;
export const [serviceId, service] = onlyResource(template, "AWS::ECS::Service");
export const [clusterId] = onlyResource(template, "AWS::ECS::Cluster");
export const roleIdOf = (arn: unknown) =>
  (arn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
export const taskRoleId = roleIdOf(taskDefinition.Properties.TaskRoleArn);
export const executionRoleId = roleIdOf(taskDefinition.Properties.ExecutionRoleArn);
export const env = Object.fromEntries(
  container.Environment.map(({ Name, Value }) => [Name, Value]),
);
export const json = (value: unknown) => JSON.stringify(value);

/** Every statement granted to a role, from attached policies, inline policies and managed ones. */
export function statementsOf(roleId: string): Statement[] {
  const [, role] = resourcesOf(template, "AWS::IAM::Role").find(([id]) => id === roleId)!;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  expect(role.Properties.Policies ?? []).toEqual([]);
  return resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => json(policy.Properties.Roles).includes(json({ Ref: roleId })))
    .flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
}
export const actionsOf = (statement: Statement) => [statement.Action].flat();
