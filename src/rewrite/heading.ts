/**
 * Markdown heading lines (`## Sub`, `## Sub ##`) read without backtracking. The regex this replaces,
 * `^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$`, tried every end of the lazy text against every split of the white
 * space after it: a heading line with a long run of spaces and tabs took time growing with the run's square
 * (its cube in some callers). These walk the line a fixed number of times and give the same answers.
 */

import { isSpaceCode } from '../words';

const isSpace = (s: string, i: number): boolean => isSpaceCode(s.charCodeAt(i));

function hasLineBreak(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** A heading line's text (`## Sub ##` → `Sub`), or null when the line is not a heading; what the regex above captures. */
export function headingText(line: string): string | null {
  const n = line.length;
  let i = 0;
  while (i < n && i < 3 && isSpace(line, i)) i++;
  const hashes = i;
  while (i < n && line.charCodeAt(i) === 0x23) i++;
  if (i === hashes || i - hashes > 6) return null;
  if (i >= n || !isSpace(line, i)) return null;
  while (i < n && isSpace(line, i)) i++;
  const start = i;
  // The text ends before the trailing white space, or before a closing run of # with white space before it.
  let end = n;
  while (end > start && isSpace(line, end - 1)) end--;
  let h = end;
  while (h > start && line.charCodeAt(h - 1) === 0x23) h--;
  if (h < end && h > start && isSpace(line, h - 1)) {
    let w = h - 1;
    while (w > start && isSpace(line, w - 1)) w--;
    end = w;
  }
  if (hasLineBreak(line, start, end)) return null;
  return line.slice(start, end);
}

/** `s.replace(/\s+#+$/, '')`: a closing run of # (with white space before it) off the end. */
export function dropClosingHashes(s: string): string {
  let h = s.length;
  while (h > 0 && s.charCodeAt(h - 1) === 0x23) h--;
  if (h === s.length || h === 0 || !isSpace(s, h - 1)) return s;
  let w = h - 1;
  while (w > 0 && isSpace(s, w - 1)) w--;
  return s.slice(0, w);
}
