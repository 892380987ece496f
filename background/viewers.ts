/**
 * The popups watching jobs, each over its port: which page it watches, which version of that page it shows (none
 * said: the newest), and posting to them. A popup that closed is simply forgotten; its job goes on.
 */

import type browser from 'webextension-polyfill';
import type { BackgroundMessage } from '../src/messages';

export type Viewer = browser.Runtime.Port;

export class Viewers {
  private readonly pages = new Map<Viewer, string>();
  private readonly versions = new Map<Viewer, string>();

  /** Forgets the popup when its port closes. */
  watch(port: Viewer): void {
    port.onDisconnect.addListener(() => this.forget(port));
  }

  /** The page (key) the popup watches, if it said. */
  pageOf(port: Viewer): string | undefined {
    return this.pages.get(port);
  }

  watchPage(port: Viewer, key: string): void {
    this.pages.set(port, key);
  }

  /** The version the popup shows, if not the newest. */
  versionOf(port: Viewer): string | undefined {
    return this.versions.get(port);
  }

  showVersion(port: Viewer, id: string): void {
    this.versions.set(port, id);
  }

  showNewest(port: Viewer): void {
    this.versions.delete(port);
  }

  /** Every popup on the page shows its newest version again (a new one has just started). */
  showNewestOn(key: string): void {
    for (const [port, watched] of this.pages) if (watched === key) this.versions.delete(port);
  }

  /** To every popup on the page; with `versionId`, only those showing that version (or the newest). */
  broadcast(key: string, message: BackgroundMessage, versionId?: string): void {
    for (const [port, watched] of this.pages) {
      if (watched !== key) continue;
      const shown = this.versions.get(port);
      if (versionId === undefined || shown === undefined || shown === versionId) this.post(port, message);
    }
  }

  post(port: Viewer, message: BackgroundMessage): void {
    try {
      port.postMessage(message);
    } catch {
      // The popup closed between the check and the post: the job goes on, the viewer is gone.
      this.forget(port);
    }
  }

  private forget(port: Viewer): void {
    this.pages.delete(port);
    this.versions.delete(port);
  }
}
