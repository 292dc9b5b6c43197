/**
 * Evaluates the CloudWatch Logs JSON filter patterns this stack uses — conjunctions of string
 * equalities, `{ ($.a = "x") && ($.b = "y") }` or `{ $.a = "x" }` — against a parsed log line,
 * so tests can show which app log lines a metric counts. Anything else is refused, so a
 * pattern this does not understand fails the test instead of passing it silently.
 */
export function matchesJsonFilter(pattern: string, line: Record<string, unknown>): boolean {
  const body = /^\{\s*(.*?)\s*\}$/.exec(pattern)?.[1];
  if (!body) throw new Error(`not a JSON filter pattern: ${pattern}`);
  return body.split("&&").every((term) => {
    const condition = /^\(?\s*\$\.([A-Za-z0-9_]+)\s*=\s*"([^"*]*)"\s*\)?$/.exec(term.trim());
    if (!condition) throw new Error(`unsupported term "${term.trim()}" in ${pattern}`);
    const [, field = "", value] = condition;
    return line[field] === value;
  });
}
