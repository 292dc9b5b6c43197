import { readdirSync, readFileSync } from "node:fs";

// Linux's clock ticks a second (USER_HZ), which /proc/<pid>/stat counts CPU time in.
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by this process's direct children (the app), from /proc: whether the
 * app was short of CPU while it drained. Undefined where there is no /proc.
 */
export function childrenCpuSeconds(): number | undefined {
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // Ended meanwhile.
      }
      // The command name (field 2) may hold spaces and parentheses: fields count from its end.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== process.pid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return undefined;
  }
  return ticks / TICKS_PER_SECOND;
}
