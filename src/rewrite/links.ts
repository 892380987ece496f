/**
 * Markdown images and links turned into their words, for the copies (a client that renders the copy must not
 * fetch a remote image or get a `javascript:` link). Images are read by hand: the regex
 * `!\[([^\]\n]*)\]\(…\)` read the alt text to the first `]` again from every `![`, so a line of unclosed `![`
 * took time growing with its square. Links keep their regexes: their text stops at the first bracket that does
 * not pair, so no two tries read the same characters twice.
 */

import { isSpaceCode } from '../words';

/** `[text](url "title")`; the text may hold one level of brackets, the url one level of parentheses. */
const LINK = /\[((?:[^[\]\n]|\[[^[\]\n]*\])+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
/** `[text][ref]` and `[text][]`. */
const REF_LINK = /\[((?:[^[\]\n]|\[[^[\]\n]*\])+)\]\[[^\]\n]*\]/g;

const isSpace = (s: string, i: number): boolean => i < s.length && isSpaceCode(s.charCodeAt(i));

/**
 * Where `(?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)` matching at `from` ends (after its
 * `)`), or -1. No part of it can give back characters and still match, so one walk decides.
 */
function destinationEnd(s: string, from: number): number {
  const n = s.length;
  let i = from;
  for (;;) {
    const c = s[i];
    if (i >= n || c === ')' || isSpace(s, i)) break;
    if (c === '(') {
      let j = i + 1;
      while (j < n && s[j] !== '(' && s[j] !== ')' && !isSpace(s, j)) j++;
      if (s[j] !== ')') break;
      i = j + 1;
    } else i++;
  }
  let j = i;
  while (isSpace(s, j)) j++;
  if (s[j] === ')') return j + 1;
  const quote = s[j];
  if (j > i && (quote === '"' || quote === "'")) {
    let k = j + 1;
    while (k < n && s[k] !== quote && s[k] !== '\n') k++;
    if (s[k] === quote) {
      k++;
      while (isSpace(s, k)) k++;
      if (s[k] === ')') return k + 1;
    }
  }
  return -1;
}

/** `![alt](url "title")` and `![alt][ref]` → the alt text, trimmed, as `IMAGE` above did. */
function dropImages(s: string): string {
  if (!s.includes('![')) return s;
  const n = s.length;
  // close[i]: the first `]` or line break at or after i (the alt text's end), or n.
  const close = new Int32Array(n + 1);
  close[n] = n;
  for (let i = n - 1; i >= 0; i--) close[i] = s[i] === ']' || s[i] === '\n' ? i : (close[i + 1] as number);
  // A destination is tried once however many `![` end at the same `]`.
  const tried = new Map<number, number>();
  let out = '';
  let last = 0;
  for (let p = s.indexOf('!['); p >= 0;) {
    const altEnd = close[p + 2] as number;
    let end = -1;
    if (s[altEnd] === ']') {
      if (s[altEnd + 1] === '(') {
        let d = tried.get(altEnd);
        if (d === undefined) tried.set(altEnd, (d = destinationEnd(s, altEnd + 2)));
        end = d;
      }
      if (end < 0 && s[altEnd + 1] === '[') {
        const refEnd = close[altEnd + 2] as number;
        if (s[refEnd] === ']') end = refEnd + 1;
      }
    }
    if (end < 0) {
      p = s.indexOf('![', p + 1);
      continue;
    }
    out += s.slice(last, p) + s.slice(p + 2, altEnd).trim();
    last = end;
    p = s.indexOf('![', end);
  }
  return out + s.slice(last);
}

/** Images to their alt text, links to their text. */
export function unlink(text: string): string {
  return dropImages(text).replace(LINK, '$1').replace(REF_LINK, '$1');
}

/** `[ref]: http://…` on a line of its own: the target of a reference link (`^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$`). */
export function isLinkDefinition(line: string): boolean {
  if (!line.includes(']:')) return false;
  const m = /^\s{0,3}\[[^\]\n]+\]:/.exec(line);
  if (!m) return false;
  const rest = line.slice(m[0].length).trimStart();
  return rest !== '' && !/[\n\r\u2028\u2029]/.test(rest);
}
