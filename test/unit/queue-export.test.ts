// The queue's export, from stored done versions: a Markdown and an HTML file per article named by a slug unique in
// the export, and a CSV with a row each. Page and model text stays text: no live script or handler in the HTML, no
// link to anything but the source's http(s) address, no spreadsheet formula in the CSV.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { english } from '../../src/i18n-en';
import type { DoneJob, JobRecord } from '../../src/job';
import { CSV_COLUMNS, CSV_NAME, csvCell, exportFiles, exportName, htmlFile, markdownFile } from '../../src/queue/export';
import { bodyWords, toMarkdown } from '../../src/rewrite/render';
import { parseAnswer } from '../../src/rewrite/split';
import { zip } from '../../src/zip';
import { jobFrom, type LooseJob } from '../support/job-shapes';
import { unzip } from '../support/unzip';

function done(fields: LooseJob, url = 'https://news.example/2026/harbour-story'): DoneJob {
  const job: JobRecord = jobFrom({ state: 'done', ...fields }, url);
  if (job.state !== 'done') throw new Error('not done');
  return job;
}

/** A done version with checks worked out, as the worker stores it. */
function checked(text: string, source: string, url?: string): DoneJob {
  const { headline, body } = parseAnswer(text, { final: true });
  return done({ text, title: 'The source title', checks: runChecks({ source, headline, body }) }, url);
}

const SOURCE = [
  'The harbour authority said on Monday that container traffic rose 12% in the third quarter.',
  'Rail freight grew by a fifth, and the new quay, opened in March, is nearly full, said director Ana Lopes.',
  'The port handled 1.2 million containers last year.',
].join('\n\n');

const ANSWER = [
  '# Harbour traffic climbs again',
  '',
  'Container traffic at the harbour rose 12% in the third quarter, the authority said on Monday.',
  '',
  '## Rail and the new quay',
  '',
  'Rail freight grew by a fifth, director Ana Lopes said, and the quay opened in March is nearly full.',
  '',
  '---',
  '**Meta description:** Container traffic rose 12% in the third quarter, with rail freight up a fifth.',
  '**URL slug:** harbour-traffic-climbs',
  '**Keywords:** harbour, container traffic, rail freight',
].join('\n');

/** RFC 4180 records, for reading the export's CSV back (quoted fields may hold commas, quotes and line breaks). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`a bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
}

const csvOf = (files: { name: string; data: string }[]) => {
  const text = files.find((f) => f.name === CSV_NAME)!.data;
  expect(text.startsWith('\ufeff')).toBe(true);
  return readCsv(text.slice(1));
};

describe('the export of done versions', () => {
  const job = checked(ANSWER, SOURCE);

  it('a Markdown and an HTML file per article, named by its SEO slug, after the CSV', () => {
    expect(exportFiles([job], english).map((f) => f.name)).toEqual([CSV_NAME, 'harbour-traffic-climbs.md', 'harbour-traffic-climbs.html']);
  });

  it('the Markdown is the CLI batch file: toMarkdown, then the SEO extras after a rule, read back to the same answer', () => {
    const md = markdownFile(job.answer);
    expect(md.startsWith(`${toMarkdown(job.answer.headline, job.answer.body)}\n\n---\n\n`)).toBe(true);
    expect(md).toContain('Meta description: Container traffic rose 12% in the third quarter, with rail freight up a fifth.\nSlug: harbour-traffic-climbs\n');
    expect(md.endsWith('Keywords: harbour, container traffic, rail freight\n')).toBe(true);
    const back = parseAnswer(md, { final: true });
    expect({ headline: back.headline, body: back.body, seo: back.seo }).toEqual(job.answer);
  });

  it('the HTML is a whole small page: charset, the title, the article from toHtml, a link to the source', () => {
    const html = htmlFile(job, english);
    expect(html.startsWith('<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">')).toBe(true);
    const { document } = parseHTML(html);
    expect(document.title).toBe('Harbour traffic climbs again');
    expect(document.querySelector('h1')?.textContent).toBe('Harbour traffic climbs again');
    expect(document.querySelector('h2')?.textContent).toBe('Rail and the new quay');
    expect(document.querySelector('meta[name=description]')?.getAttribute('content')).toBe(job.answer.seo.metaDescription);
    const links = [...document.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://news.example/2026/harbour-story']);
    expect(links[0]?.parentElement?.textContent).toBe('Source: https://news.example/2026/harbour-story');
  });

  it('the CSV: a header and a row with the figures the product shows (its word count, facts and copied share as 0…1)', () => {
    const rows = csvOf(exportFiles([job], english));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const { facts, originality } = job.checks!;
    expect(facts.total).toBeGreaterThan(0);
    expect(rows[1]).toEqual([
      'https://news.example/2026/harbour-story',
      'Harbour traffic climbs again',
      'harbour-traffic-climbs',
      'Container traffic rose 12% in the third quarter, with rail freight up a fifth.',
      'harbour; container traffic; rail freight',
      String(bodyWords(job.answer.body)),
      String(Math.round((facts.kept / facts.total) * 1000) / 1000),
      String(Math.round(originality.copiedShare * 1000) / 1000),
    ]);
    expect(rows).toHaveLength(2);
  });

  it('a version without checks, or a source without facts, leaves those cells empty', () => {
    const unchecked = done({ text: '# Plain\n\nNo checks here.' });
    const factless = checked('# Quiet day\n\nNothing happened at all today.', 'Nothing happened today.');
    expect(factless.checks?.facts.total).toBe(0);
    const rows = csvOf(exportFiles([unchecked, factless], english));
    expect(rows[1]?.slice(6)).toEqual(['', '']);
    expect(rows[2]?.[6]).toBe('');
    expect(rows[2]?.[7]).toMatch(/^(0|1|0\.\d{1,3})$/);
  });

  it('slugs are unique within the export: the same slug twice, and a headline that makes one already taken', () => {
    const twin = (n: number) => done({ id: `v${n}`, text: `# Story ${n}\n\nText ${n}.\n\n---\n**URL slug:** same-story` }, `https://news.example/${n}`);
    const byHeadline = done({ id: 'v9', text: '# Same story\n\nAnother text.' }, 'https://news.example/9');
    const noWords = done({ id: 'v10', text: '# ???\n\n…' }, 'https://news.example/2026/Café-à-la-une.html');
    // A slug is letters, digits and hyphens only: no path leaves the archive's top folder.
    const climbing = done({ id: 'v11', text: '# H\n\nB.\n\n---\n**URL slug:** ../../etc/passwd' }, 'https://news.example/11');
    const files = exportFiles([twin(1), twin(2), byHeadline, twin(3), noWords, climbing], english);
    const mds = files.filter((f) => f.name.endsWith('.md')).map((f) => f.name);
    expect(mds).toEqual(['same-story.md', 'same-story-2.md', 'same-story-3.md', 'same-story-4.md', 'cafe-a-la-une.md', 'etc-passwd.md']);
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    expect(
      csvOf(files)
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(['same-story', 'same-story-2', 'same-story-3', 'same-story-4', 'cafe-a-la-une', 'etc-passwd']);
  });
});

describe('page and model text stays text', () => {
  const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const hostile = done(
    {
      title: `<title></title><script>alert(3)</script>`,
      text: [
        `# ${XSS} "quoted" & 'single'`,
        '',
        `A paragraph with ${XSS} and <a href="javascript:alert(4)" onclick="alert(5)">a link</a>.`,
        '',
        '- [click](javascript:alert(6)) ![pic](https://evil.example/x.png) <svg onload=alert(7)>',
        '',
        '> </blockquote><iframe src="https://evil.example"></iframe>',
        '',
        '---',
        `**Meta description:** "><script>alert(8)</script>`,
        '**Keywords:** <b>bold</b>, =cmd',
      ].join('\n'),
    },
    'https://news.example/a?q="><script>alert(9)</script>',
  );

  it('the HTML file holds no script, no handler, no frame, no link but the source, and the headline as text', () => {
    const html = htmlFile(hostile, english);
    // The payloads are there as escaped text only: no tag of theirs opens, none of ours carries a handler.
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|svg|iframe|a href="javascript)/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script, img, svg, iframe, object, embed, base, form').length).toBe(0);
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) expect(a.name, el.tagName).not.toMatch(/^on/i);
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://news.example/a?q=%22%3E%3Cscript%3Ealert(9)%3C/script%3E',
    ]);
    expect(document.querySelector('h1')?.textContent).toBe(`${XSS} "quoted" & 'single'`);
    expect(document.title).toBe(`${XSS} "quoted" & 'single'`);
    expect(document.querySelector('meta[name=description]')?.getAttribute('content')).toBe('"><script>alert(8)</script>');
    // Whatever a future renderer let through, the page's own policy runs no script and fetches nothing.
    expect(document.querySelector('meta[http-equiv=Content-Security-Policy]')?.getAttribute('content')).toBe("default-src 'none'");
  });

  it('an address that is not http(s) is written as text, never linked', () => {
    const js = done({ text: '# H\n\nBody.' }, 'javascript:alert(1)');
    const html = htmlFile(js, english);
    expect(parseHTML(html).document.querySelectorAll('a').length).toBe(0);
    expect(html).toContain('Source: javascript:alert(1)');
  });

  it('the Markdown file keeps raw HTML and links inert', () => {
    const md = markdownFile(hostile.answer);
    expect(md).not.toMatch(/(^|[^\\])<(script|img|a|svg|iframe|b)\b/i);
    expect(md).not.toContain('](javascript:');
    expect(md).not.toContain('![');
    expect(md).toContain('Meta description: ">\\<script>alert(8)\\</script>\nKeywords: \\<b>bold\\</b>, =cmd\n');
  });

  it('CSV cells: commas, quotes and line breaks quoted (RFC 4180), formulas defused with a leading quote', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('')).toBe('');
  });

  it('a whole row of awkward text reads back cell for cell', () => {
    const awkward = done(
      {
        text: [
          '# =HYPERLINK("https://evil.example","Click"), a "quoted", headline',
          '',
          'Body.',
          '',
          '---',
          '**Meta description:** @once, "twice"; thrice',
          '**URL slug:** awkward',
          '**Keywords:** -minus, +plus, a "b"',
        ].join('\n'),
      },
      'https://news.example/x,y?a="b"',
    );
    const row = csvOf(exportFiles([awkward], english))[1]!;
    expect(row.slice(0, 5)).toEqual([
      'https://news.example/x,y?a="b"',
      `'=HYPERLINK("https://evil.example","Click"), a "quoted", headline`,
      'awkward',
      `'@once, "twice"; thrice`,
      `'-minus; +plus; a "b"`,
    ]);
  });
});

describe('the ZIP of the export', () => {
  it('holds every file under its name, readable back byte for byte', () => {
    const jobs = [checked(ANSWER, SOURCE), done({ id: 'v2', text: '# Café à São Paulo\n\nÜber 東京.' }, 'https://news.example/b')];
    const files = exportFiles(jobs, english);
    const entries = unzip(zip(files, new Date(2026, 10, 1)));
    expect(entries.map((e) => e.name)).toEqual([
      CSV_NAME,
      'harbour-traffic-climbs.md',
      'harbour-traffic-climbs.html',
      'cafe-a-sao-paulo.md',
      'cafe-a-sao-paulo.html',
    ]);
    entries.forEach((e, i) => expect(e.data.toString('utf8')).toBe(files[i]!.data));
  });

  it('is named by the local date', () => {
    expect(exportName(new Date(2026, 0, 5, 23, 59))).toBe('newsmith-queue-2026-01-05.zip');
  });
});
