import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../../src/article';
import { extractFromHtml } from '../../src/extract/node';
import { decodePage } from './extract';
import type { CommandIO } from './types';

/** A page from a file, standard input (`-`) or an http(s) URL, extracted with the extension's own core. */
export async function loadArticle(source: string, url: string | null, io: CommandIO): Promise<Article> {
  let html: string;
  let pageUrl: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { redirect: 'follow' }).catch((err: Error) => {
      throw new Error(`cannot fetch ${source}: ${err.message}`);
    });
    if (!response.ok) throw new Error(`cannot fetch ${source}: HTTP ${response.status}`);
    html = decodePage(Buffer.from(await response.arrayBuffer()));
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
