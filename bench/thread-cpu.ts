import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, in ms) the calling thread has used so far, from Linux's
 * /proc/thread-self/stat; null elsewhere. Node 20 has no per-thread CPU clock, and
 * process.cpuUsage() would add the simulator's worker thread to the gateway's figure.
 * Resolution is one clock tick (10 ms), so measure over many requests.
 */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
