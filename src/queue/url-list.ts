/** A list of page addresses as the user gives it (the CLI's --urls file, the queue page's pasted list). */

/** One line of the list that names a page: its text, and its line number (for messages). */
export interface BatchItem {
  url: string;
  line: number;
  /** Why the line cannot be read as a page address (it is reported, never fetched). */
  problem?: string;
}

/** The lines of a URL list that name pages: blank lines and `#` comments left out. */
export function readUrlList(text: string): BatchItem[] {
  const items: BatchItem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const url = raw.trim();
    if (url === '' || url.startsWith('#')) return;
    let problem: string | undefined;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problem = `line ${i + 1}: not an http(s) address`;
      else if (parsed.username || parsed.password) problem = `line ${i + 1}: an address with a user name or password in it is not fetched`;
    } catch {
      problem = `line ${i + 1}: not an address`;
    }
    items.push(problem ? { url, line: i + 1, problem } : { url, line: i + 1 });
  });
  return items;
}
