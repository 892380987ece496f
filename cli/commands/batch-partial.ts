/**
 * A batch item's answer while it streams, kept in the output directory (`.partial/`), so that a run killed or stopped
 * mid-answer goes on next time with Continue (one request for the rest, nothing already written asked for again)
 * instead of a whole new rewrite. Written whole at most once a second; removed when the item is done.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../../src/article';
import type { EndedJob, JobRecord } from '../../src/job';
import { readJob } from '../../src/job-read';

export const PARTIAL_DIR = '.partial';
const EVERY_MS = 1_000;

export interface Partial {
  job: EndedJob;
  article: Article;
}

const isArticle = (v: unknown): v is Article =>
  !!v && typeof v === 'object' && typeof (v as Article).text === 'string' && typeof (v as Article).title === 'string';

export class PartialAnswer {
  private readonly file: string;
  private latest: JobRecord | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing = Promise.resolve();

  constructor(
    dir: string,
    url: string,
    private readonly write: (path: string, text: string) => Promise<void>,
  ) {
    this.file = join(dir, PARTIAL_DIR, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  /** What an earlier run kept of this item: an answer cut off, to continue; null when there is none (or it is unreadable). */
  async read(): Promise<Partial | null> {
    try {
      const kept = JSON.parse(await readFile(this.file, 'utf8')) as { job?: unknown; article?: unknown };
      const job = readJob(kept.job)?.job;
      if (!job || job.text === '' || !isArticle(kept.article)) return null;
      const ended: EndedJob = {
        ...job,
        state: 'interrupted',
        error: { code: 'interrupted', message: 'The batch stopped while this answer was written.' },
        canContinue: true,
      } as EndedJob;
      return { job: ended, article: kept.article };
    } catch {
      return null;
    }
  }

  /** The answer so far (called on every piece): written at most once a second. */
  keep(job: JobRecord, article: Article): void {
    this.latest = job;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush(article);
    }, EVERY_MS);
  }

  /** Writes what there is now (the item ended without finishing: it continues next run). */
  async flush(article: Article): Promise<void> {
    const job = this.latest;
    if (!job || job.text === '') return;
    this.writing = this.writing.then(async () => {
      await mkdir(join(this.file, '..'), { recursive: true });
      await this.write(this.file, JSON.stringify({ job, article }));
    });
    await this.writing;
  }

  /** The item is done (or has nothing to continue): no partial answer stays. */
  async drop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
    await this.writing;
    await rm(this.file, { force: true });
  }

  stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
