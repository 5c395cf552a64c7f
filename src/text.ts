/** "1 change", "3 changes": for nouns whose plural only adds an s. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
