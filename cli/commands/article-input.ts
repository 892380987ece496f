import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../../src/article';
import { extractFromHtml } from '../../src/extract/node';
import { decodePage } from './extract';
import type { CommandIO } from './types';

/** A page that has not answered in this long is given up on (a dead or stalled site must not hold a run forever). */
export const FETCH_TIMEOUT_MS = 30_000;

/** A page from a file, standard input (`-`) or an http(s) URL, extracted with the extension's own core. */
export async function loadArticle(source: string, url: string | null, io: CommandIO, signal?: AbortSignal): Promise<Article> {
  let html: string;
  let pageUrl: string;
  if (/^https?:\/\//i.test(source)) {
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const response = await fetch(source, { redirect: 'follow', signal: signal ? AbortSignal.any([signal, timeout]) : timeout }).catch((err: Error) => {
      const why = timeout.aborted ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : signal?.aborted ? 'stopped' : causeOf(err);
      throw new Error(`cannot fetch ${source}: ${why}`);
    });
    if (!response.ok) throw new Error(`cannot fetch ${source}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer().catch((err: Error) => {
      throw new Error(`cannot fetch ${source}: ${timeout.aborted ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : causeOf(err)}`);
    });
    html = decodePage(Buffer.from(bytes));
    pageUrl = url ?? response.url;
  } else {
    let bytes: Buffer;
    try {
      bytes = source === '-' ? await io.readStdin() : await readFile(source);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? `${source}: no such file` : `${source}: ${(err as Error).message}`);
    }
    html = decodePage(bytes);
    pageUrl = url ?? (source === '-' ? 'http://localhost/stdin' : pathToFileURL(resolve(source)).href);
  }
  const result = extractFromHtml(html, pageUrl);
  if (!result.ok) throw new Error(`${source}: ${result.detail}`);
  return result.article;
}

/** Node's fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function causeOf(err: Error): string {
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${err.message} (${cause.code})` : cause?.message ? `${err.message} (${cause.message})` : err.message;
}

/** Reads `--name value` / `--name=value` options and flags; the rest are positional arguments. */
export function parseOptions(args: readonly string[], valued: readonly string[], flags: readonly string[]) {
  const values: Record<string, string> = {};
  const set = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [name, inline] = a.startsWith('--')
      ? a.includes('=')
        ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a.slice(2), undefined]
      : [null, undefined];
    if (name === null || a === '-') positional.push(a);
    else if (flags.includes(name)) set.add(name);
    else if (valued.includes(name)) {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      values[name] = v;
    } else if (name === 'help' || name === 'h') set.add('help');
    else throw new Error(`unknown option --${name}`);
  }
  return { values, flags: set, positional };
}
