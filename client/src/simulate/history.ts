/** The Simulate Request history: most recent first, no duplicates, bounded. Pure. */
export const HISTORY_LIMIT = 20;

export function addToHistory(history: readonly string[], commandLine: string): string[] {
  const line = commandLine.trim();
  if (!line) return [...history];
  return [line, ...history.filter((h) => h !== line)].slice(0, HISTORY_LIMIT);
}
