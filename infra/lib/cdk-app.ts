import { App, type AppProps } from "aws-cdk-lib";
import * as cxapi from "aws-cdk-lib/cx-api";

/**
 * The CDK app with the feature flags `cdk init` gives a new project today, set in code rather
 * than a cdk.json, so `npm run infra:synth`, the CDK CLI and the tests synthesize the same
 * template. Among them: CloudFormation validation findings fail the synth instead of warning.
 */
export function createCdkApp(props: AppProps = {}): App {
  return new App({
    ...props,
    context: { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS, ...props.context },
  });
}
