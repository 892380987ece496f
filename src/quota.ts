/** The storage quota, watched: the user is told before the browser refuses to store more. Pure: the numbers come in. */

import type { Translate } from './i18n';

/** The share of the quota past which the user is told (history page and popup), before writes start failing. */
export const QUOTA_WARN_SHARE = 0.8;

/** What the browser says of the extension's storage (`navigator.storage.estimate()`), in bytes. */
export interface StorageUse {
  usage: number;
  quota: number;
}

/** A warning when storage is past QUOTA_WARN_SHARE of its quota, else null. */
export function quotaWarning(use: StorageUse | null, t: Translate): string | null {
  if (!use || !(use.quota > 0) || use.usage < use.quota * QUOTA_WARN_SHARE) return null;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return t('historyQuota', [mb(use.usage), mb(use.quota)]);
}
