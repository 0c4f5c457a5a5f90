import { readFileSync } from 'node:fs';

/**
 * CPU time, in milliseconds, that this process's main thread (the one the event loop and, on SQLite,
 * every query run on) has used so far: utime + stime of /proc/self/task/<pid>/stat, in clock ticks of
 * 10 ms (Linux, USER_HZ 100). Unlike wall time it does not grow when other processes share the cores,
 * so "the request waited behind N ms of the app's work" is the same figure on an idle machine and on
 * a loaded one.
 */
export function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  // The fields after "(comm)": state is field 3, utime field 14, stime field 15 (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
