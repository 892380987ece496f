import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Article } from '../../src/article';
import { decodeHtml, UndecodableHtml } from '../../src/extract/decode';
import { MIN_ARTICLE_WORDS, type ExtractTimings } from '../../src/extract/index';
import { extractFromHtml } from '../../src/extract/node';
import { warningText } from '../../src/extract/warning-text';
import { english } from '../../src/i18n-en';
import type { Command, CommandIO } from './types';

/**
 * `newsmith extract FILE… [--url URL] [--json] [--timings] [--min-words N]`
 *
 * Extracts the article of each saved HTML page (`-` = standard input; `.gz` files are unpacked) with the
 * same core as the extension. Each input stands alone: a missing, binary or empty file, or a page without
 * an article, gives a message on stderr and exit code 1, and the other files are still processed.
 */

export const EXTRACT_USAGE = `usage: newsmith extract FILE... [--url URL] [--json] [--timings] [--min-words N]

  FILE          a saved HTML page (.html, or .html.gz); - reads standard input
  --url URL     the page's address (default: the file's file:// URL); used for relative links and the
                " | Site" part of the title. The page's canonical link, if any, is reported as url.
  --json        one JSON object per input and line:
                {file, title, byline, siteName, lang, publishedTime, url, text, wordCount, warnings}
                (an input that fails gives {file, error} and a message on stderr)
  --timings     add timings: {parseMs, readabilityMs, cleanupMs} (with --json; else on stderr)
  --min-words N refuse articles shorter than N words (default ${MIN_ARTICLE_WORDS})

Without --json, prints each article's title, a blank line and its text; warnings go to stderr.
Exit code: 0 when every input gave an article, 1 when any failed, 2 for a usage error.`;

export interface ExtractArgs {
  files: string[];
  url: string | null;
  json: boolean;
  timings: boolean;
  minWords: number;
}

export class UsageError extends Error {}

export function parseExtractArgs(args: readonly string[]): ExtractArgs | 'help' {
  const out: ExtractArgs = { files: [], url: null, json: false, timings: false, minWords: MIN_ARTICLE_WORDS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (): string => {
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      i += 1;
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') out.json = true;
    else if (a === '--timings') out.timings = true;
    else if (a === '--url' || a.startsWith('--url=')) {
      const v = a.startsWith('--url=') ? a.slice(6) : value();
      try {
        out.url = new URL(v).href;
      } catch {
        throw new UsageError(`--url: not a URL: ${v}`);
      }
    } else if (a === '--min-words' || a.startsWith('--min-words=')) {
      const v = a.startsWith('--min-words=') ? a.slice(12) : value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--min-words: not a whole number: ${v}`);
      out.minWords = n;
    } else if (a === '--') {
      out.files.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else out.files.push(a);
  }
  if (out.files.length === 0) throw new UsageError('no input file (give FILE... or - for standard input)');
  return out;
}

/** Bytes → HTML text: gunzip when gzip, then `decodeHtml` (its charset rules; empty and binary data refused). */
export function decodePage(bytes: Buffer, contentType: string | null = null): string {
  let data = bytes;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch {
      throw new Error('a broken gzip file');
    }
  }
  try {
    return decodeHtml(data, contentType);
  } catch (err) {
    if (!(err instanceof UndecodableHtml)) throw err;
    throw new Error(err.reason === 'empty' ? 'an empty file' : 'a binary file, not an HTML page');
  }
}

export interface ExtractRecord {
  file: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  url: string;
  text: string;
  wordCount: number;
  warnings: (Article['warnings'][number] & { message: string })[];
  timings?: ExtractTimings;
}

function round(t: ExtractTimings): ExtractTimings {
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { parseMs: r(t.parseMs), readabilityMs: r(t.readabilityMs), cleanupMs: r(t.cleanupMs) };
}

async function extractOne(file: string, opts: ExtractArgs, io: CommandIO): Promise<ExtractRecord> {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await io.readStdin() : await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : (err as Error).message);
  }
  const html = decodePage(bytes);
  const url = opts.url ?? (file === '-' ? 'http://localhost/stdin' : pathToFileURL(resolve(file)).href);
  let timings: ExtractTimings | undefined;
  const r = extractFromHtml(html, url, { minWords: opts.minWords, onTimings: (t) => (timings = t) });
  if (!r.ok) throw new Error(r.detail);
  const a = r.article;
  const record: ExtractRecord = {
    file,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    lang: a.lang,
    publishedTime: a.publishedTime,
    url: a.url,
    text: a.text,
    wordCount: a.wordCount,
    warnings: a.warnings.map((w) => ({ ...w, message: warningText(w, english) })),
  };
  if (opts.timings && timings) record.timings = round(timings);
  return record;
}

export async function runExtract(args: string[], io: CommandIO): Promise<number> {
  let opts: ExtractArgs | 'help';
  try {
    opts = parseExtractArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`newsmith extract: ${err.message}\n${EXTRACT_USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.stdout(`${EXTRACT_USAGE}\n`);
    return 0;
  }
  let failed = 0;
  let printed = 0;
  for (const file of opts.files) {
    const name = file === '-' ? '(stdin)' : file;
    let record: ExtractRecord;
    try {
      record = await extractOne(file, opts, io);
    } catch (err) {
      failed += 1;
      const message = err instanceof Error ? err.message : String(err);
      io.stderr(`newsmith extract: ${name}: ${message}\n`);
      if (opts.json) io.stdout(`${JSON.stringify({ file, error: message })}\n`);
      continue;
    }
    if (opts.json) {
      io.stdout(`${JSON.stringify(record)}\n`);
      continue;
    }
    for (const w of record.warnings) io.stderr(`newsmith extract: ${name}: warning: ${w.message}\n`);
    if (record.timings) {
      const t = record.timings;
      io.stderr(`newsmith extract: ${name}: parse ${t.parseMs} ms, readability ${t.readabilityMs} ms, cleanup ${t.cleanupMs} ms\n`);
    }
    if (printed > 0) io.stdout('\n');
    if (opts.files.length > 1) io.stdout(`==> ${name} <==\n`);
    io.stdout(`${record.title}\n\n${record.text}\n`);
    printed += 1;
  }
  return failed > 0 ? 1 : 0;
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'print the article of saved HTML pages (title and text, or JSON lines)',
  usage: EXTRACT_USAGE,
  run: runExtract,
};
