/**
 * The queue page's Export button: every done item's version, read from the history's database as the history page
 * reads it, written into one ZIP (src/queue/export.ts, src/zip.ts) and downloaded. An item whose version was deleted
 * from the history is left out, and the status line says how many were.
 */

import type { DoneJob } from '../src/job';
import { plural } from '../src/i18n';
import { exportFiles, exportName } from '../src/queue/export';
import { inOrder, type QueueItem } from '../src/queue/queue';
import { zip } from '../src/zip';
import { t } from '../lib/i18n';
import { versionStore } from '../lib/version-store';

const byTestId = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;

function download(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The done items' versions that are still stored, in queue order, and how many are gone. */
async function doneVersions(items: readonly QueueItem[]): Promise<{ jobs: DoneJob[]; gone: number }> {
  const done = inOrder(items).filter((i) => i.state === 'done' && i.jobId);
  const read = await versionStore().getMany(done.map((i) => i.jobId as string));
  const jobs = read.filter((j): j is DoneJob => j?.state === 'done');
  return { jobs, gone: done.length - jobs.length };
}

export function wireExport(items: () => readonly QueueItem[]): void {
  const button = byTestId<HTMLButtonElement>('export');
  const status = byTestId<HTMLElement>('export-status');
  let busy = false;
  const update = () => {
    button.disabled = busy || !items().some((i) => i.state === 'done' && i.jobId);
  };
  // The page redraws its list whenever the queue changes: that is when the button may change too.
  new MutationObserver(update).observe(byTestId('items'), { childList: true });
  update();

  button.addEventListener('click', async () => {
    busy = true;
    update();
    try {
      const { jobs, gone } = await doneVersions(items());
      const now = new Date();
      if (jobs.length) download(exportName(now), zip(exportFiles(jobs, t), now));
      const parts = [jobs.length ? plural(t, 'queueExported', jobs.length) : '', gone ? plural(t, 'queueExportGone', gone) : ''];
      status.textContent = parts.filter(Boolean).join(' ');
    } catch (err) {
      status.textContent = t('queueExportFailed', err instanceof Error ? err.message : String(err));
    } finally {
      busy = false;
      update();
    }
  });
}
