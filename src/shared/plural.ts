/** "1 user", "3 users": a count with its noun, for every message main or the window shows. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
