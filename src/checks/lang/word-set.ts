/** A word list written as space-separated words (in one or more strings), as a set: how the word lists here are written. */
export const wordSet = (...groups: string[]): ReadonlySet<string> =>
  new Set(
    groups
      .join(' ')
      .split(/\s+/)
      .filter((w) => w !== ''),
  );
