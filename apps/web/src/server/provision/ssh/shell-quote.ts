/** One shell word, whatever it contains: single-quoted, with embedded quotes closed and escaped. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line from words, each quoted as needed. */
export function shellCommand(words: string[]): string {
  return words.map(shellQuote).join(" ");
}
