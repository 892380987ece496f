/** The toolbar badge on a job's tab: running, done, or needs a look; the button's tooltip says it in words. */

import browser from 'webextension-polyfill';
import { viewStateOf, type JobRecord } from '../src/job';
import { t } from '../lib/i18n';

export function showBadge(tabId: number | undefined, job: JobRecord): void {
  if (tabId === undefined) return;
  // Ended by the user before anything was written (Cancel in the confirmation, Stop before the first word): nothing
  // to look at.
  if (job.state === 'stopped' && job.text === '') {
    void browser.action.setBadgeText({ tabId, text: '' }).catch(() => {});
    void browser.action.setTitle({ tabId, title: t('actionTitle') }).catch(() => {});
    return;
  }
  const state = viewStateOf(job);
  const awaiting = state === 'awaiting-confirmation';
  const text = awaiting ? '?' : state === 'done' ? '✓' : state === 'error' ? '!' : '…';
  const color = state === 'error' || awaiting ? '#b42318' : '#1d4ed8';
  void browser.action.setBadgeText({ tabId, text }).catch(() => {});
  void browser.action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
  const title = t(awaiting ? 'badgeTitleConfirm' : state === 'done' ? 'badgeTitleDone' : state === 'error' ? 'badgeTitleError' : 'badgeTitleWriting');
  void browser.action.setTitle({ tabId, title }).catch(() => {});
}
