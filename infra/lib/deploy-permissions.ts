import * as iam from "aws-cdk-lib/aws-iam";

/** The only ECS calls the admin Settings page's Deploy button makes. */
export const DEPLOY_ACTIONS = {
  onService: ["ecs:UpdateService", "ecs:DescribeServices"],
  // Task definitions have no resource-level permissions for these two calls: IAM only
  // accepts "*" here. What a registered definition can do is bounded by PassRole below.
  anyTaskDefinition: ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"],
} as const;

/**
 * Lets the app roll out a new image of its own service and nothing else: update and describe
 * this one service, register task definitions, and pass only its own task and execution roles
 * to ECS tasks. No other ECS action (create, delete, run or stop tasks) and no other service.
 */
export function grantSelfDeploy(
  role: iam.IRole,
  target: { serviceArn: string; passRoles: iam.IRole[] },
): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "DeployOwnService",
      actions: [...DEPLOY_ACTIONS.onService],
      resources: [target.serviceArn],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "RegisterTaskDefinitions",
      actions: [...DEPLOY_ACTIONS.anyTaskDefinition],
      resources: ["*"],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "PassOwnTaskRoles",
      actions: ["iam:PassRole"],
      resources: target.passRoles.map((passed) => passed.roleArn),
      conditions: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    }),
  );
}
