// CPU time used by the app and by PostgreSQL, read from /proc (Linux), so the inbox benchmark
// can say which of them a figure was bound by. Other processes on a shared machine are left out.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

interface Proc {
  pid: number;
  ppid: number;
  cpuSeconds: number;
  args: string[];
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (2nd field) may hold spaces and parentheses: fields follow the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      found.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
        args,
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

function treeSeconds(all: Proc[], root: Proc | undefined): number {
  if (!root) return 0;
  const children = all.filter((p) => p.ppid === root.pid);
  return (
    root.cpuSeconds +
    children.reduce((sum: number, child: Proc) => sum + treeSeconds(all, child), 0)
  );
}

export interface CpuSample {
  at: number;
  app: number;
  postgres: number;
}

/**
 * CPU seconds so far of this process's child running the standalone server and of the
 * postmaster listening on `pgPort` (with its backends). Backends that ended are not counted,
 * so sample while the app's pool is open.
 */
export function sampleCpu(pgPort: number): CpuSample {
  if (os.platform() !== "linux") return { at: Date.now(), app: 0, postgres: 0 };
  const all = processes();
  const app = all.find(
    // Next renames its process "next-server (vX)" once it runs.
    (p) =>
      p.ppid === process.pid &&
      p.args.some((a) => a.endsWith("standalone/server.js") || a.startsWith("next-server")),
  );
  const postmaster = all.find((p) =>
    p.args.some((a, i) => a === `-p ${pgPort}` || (a === "-p" && p.args[i + 1] === `${pgPort}`)),
  );
  return {
    at: Date.now(),
    app: treeSeconds(all, app),
    postgres: treeSeconds(all, postmaster),
  };
}

/** Share of one core each used between two samples (1.0 = a whole core). */
export function coresUsed(from: CpuSample, to: CpuSample) {
  const seconds = (to.at - from.at) / 1000;
  return {
    app: (to.app - from.app) / seconds,
    postgres: (to.postgres - from.postgres) / seconds,
  };
}
