/** CPU time of a synchronous call, in milliseconds (user + system, this process). Tests that bound
 *  the work of a call use it instead of the wall clock: CI shares its two cores, and a moment another
 *  process holds the core is not work this code did. */
export function cpuMs<T>(fn: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
