// docs/benchmarks.md is written section by section: each benchmark replaces its own "## …"
// section (or appends it) and leaves the others' figures as they were.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { format } from "prettier";

const FILE = "docs/benchmarks.md";

/** "Measured <date> on <cpu>, <n> cores, <GiB> GiB, Node <version>" for a section's opening. */
export function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Replaces the section whose heading is `## <heading>` with `body` (or adds it at the end). */
export async function writeSection(heading: string, body: string) {
  const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmarks\n";
  const sections = text.split(/^(?=## )/m);
  const section = `## ${heading}\n\n${body.trim()}\n\n`;
  const at = sections.findIndex((s) => s.startsWith(`## ${heading}\n`));
  if (at >= 0) sections[at] = section;
  else sections.push(section);
  // Formatted as the repository's Prettier check expects, so a fresh run keeps CI green.
  writeFileSync(FILE, await format(sections.join(""), { parser: "markdown", printWidth: 100 }));
  console.log(section);
}
