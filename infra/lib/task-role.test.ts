import { describe, expect, it } from "vitest";
import {
  actionsOf,
  clusterId,
  container,
  executionRoleId,
  json,
  service,
  statementsOf,
  taskRoleId,
  template,
} from "../test/default-stack";
import { onlyResource } from "../test/synth";

describe("the task role", () => {
  const statements = statementsOf(taskRoleId);
  const actions = statements.flatMap(actionsOf);

  it("may deploy only its own service: the four ECS calls of the Deploy button", () => {
    expect(actions.filter((action) => action.startsWith("ecs:")).sort()).toEqual([
      "ecs:DescribeServices",
      "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition",
      "ecs:UpdateService",
    ]);
    const onService = statements.filter((s) => actionsOf(s).includes("ecs:UpdateService"));
    expect(onService).toHaveLength(1);
    expect(actionsOf(onService[0]!).sort()).toEqual(["ecs:DescribeServices", "ecs:UpdateService"]);
    const resource = json(onService[0]!.Resource);
    expect(resource).toContain(":service/");
    expect(resource).toContain(json({ Ref: clusterId }));
    expect(resource).toContain(`"/${service.Properties.ServiceName}"`);
    // IAM has no narrower resource for these two; they cannot start anything by themselves.
    const anywhere = statements.filter((s) => json(s.Resource) === '"*"');
    expect(anywhere.flatMap(actionsOf).sort()).toEqual([
      "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition",
    ]);
  });

  it("may pass only its own task and execution roles, and only to ECS tasks", () => {
    const passRole = statements.filter((s) => actionsOf(s).includes("iam:PassRole"));
    expect(passRole).toHaveLength(1);
    expect(actionsOf(passRole[0]!)).toEqual(["iam:PassRole"]);
    expect(passRole[0]!.Resource).toEqual(
      expect.arrayContaining([
        { "Fn::GetAtt": [taskRoleId, "Arn"] },
        { "Fn::GetAtt": [executionRoleId, "Arn"] },
      ]),
    );
    expect(passRole[0]!.Resource).toHaveLength(2);
    expect(passRole[0]!.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
  });

  it("reads and writes the upload bucket and has no other rights", () => {
    const [bucketId] = onlyResource(template, "AWS::S3::Bucket");
    for (const statement of statements) {
      const kinds = new Set(actionsOf(statement).map((action) => action.split(":")[0]));
      if (kinds.has("s3")) {
        expect(json(statement.Resource)).toContain(bucketId);
        expect(json(statement.Resource)).not.toContain('"*"');
      }
      expect(["s3", "ecs", "iam"]).toEqual(expect.arrayContaining([...kinds]));
    }
    expect(actions).toEqual(expect.arrayContaining(["s3:GetObject*", "s3:PutObject"]));
    expect(actions.some((action) => action === "*" || action.endsWith(":*"))).toBe(false);
  });

  it("cannot read the secrets: only the execution role can, to start the task", () => {
    expect(actions.some((action) => action.startsWith("secretsmanager:"))).toBe(false);
    const execution = statementsOf(executionRoleId);
    for (const { ValueFrom } of container.Secrets) {
      expect(
        execution.some(
          (s) =>
            actionsOf(s).includes("secretsmanager:GetSecretValue") &&
            [s.Resource].flat().some((resource) => json(resource) === json(ValueFrom)),
        ),
      ).toBe(true);
    }
  });
});
