/**
 * *Send to WordPress as draft* on a finished rewrite (popup, side panel, review page): shown only when a site is set up; the
 * background sends the version and records where it went, so the button then updates that draft. The result says
 * the post and links to its editor in WordPress; a failure says why, in words, and the rewrite stays as it was.
 */
import browser from 'webextension-polyfill';
import type { JobRecord } from '../src/job';
import type { RequestOf, ResponseOf } from '../src/messages';
import { wpReady, type Published } from '../src/publish/wp-site';
import { loadWpSite } from './wp-site-store';
import { t } from './i18n';

export interface WpSender {
  render(job: JobRecord | null): void;
}

export function wpSender(button: HTMLButtonElement, box: HTMLElement, onSent: (id: string, published: Published) => void): WpSender {
  const text = box.querySelector<HTMLElement>('[data-testid=wp-sent-text]') as HTMLElement;
  const open = box.querySelector<HTMLAnchorElement>('[data-testid=wp-open]') as HTMLAnchorElement;
  let ready = false;
  let shown: JobRecord | null = null;
  let sending = false;
  const choices = document.createElement('span');
  choices.className = 'wp-choices';
  box.append(choices);
  const say = (ok: boolean, words: string, link: string | null): void => {
    box.hidden = false;
    box.dataset.ok = String(ok);
    text.textContent = words;
    open.hidden = link === null;
    if (link) open.href = link;
  };
  const render = (job: JobRecord | null): void => {
    const changed = shown?.id !== job?.id;
    shown = job;
    const done = job?.state === 'done' ? job : null;
    button.hidden = !ready || !done;
    button.disabled = sending;
    button.textContent = t(done?.published ? 'popupResendWp' : 'popupSendWp');
    if (changed && !sending) {
      choices.replaceChildren();
      if (done?.published) say(true, t('popupSentWp', String(done.published.post)), done.published.editLink);
      else box.hidden = true;
    }
  };
  /** The choice for a version whose page already has a draft: replace that post, or make a new one. */
  const choiceButton = (testid: string, words: string, how: { replace?: number; fresh?: boolean }): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.testid = testid;
    b.textContent = words;
    b.addEventListener('click', () => send(how));
    return b;
  };
  const offerChoice = (post: number): void =>
    choices.replaceChildren(
      choiceButton('wp-replace', t('popupWpReplace', String(post)), { replace: post }),
      choiceButton('wp-new', t('popupWpNew'), { fresh: true }),
    );
  const send = (how: { replace?: number; fresh?: boolean } = {}): void => {
    const job = shown;
    if (!job || job.state !== 'done' || sending) return;
    sending = true;
    button.disabled = true;
    choices.replaceChildren();
    say(true, t('popupSendingWp'), null);
    const request: RequestOf<'wp-send'> = { type: 'wp-send', id: job.id, ...how };
    void (browser.runtime.sendMessage(request) as Promise<ResponseOf<'wp-send'>>)
      .then(
        (answer) => {
          if (!answer.ok) {
            say(!!answer.choose, answer.message, answer.choose?.editLink ?? null);
            if (answer.choose) offerChoice(answer.choose.post);
            return;
          }
          onSent(job.id, answer.published);
          say(true, [t('popupSentWp', String(answer.published.post)), ...answer.notes].join(' '), answer.published.editLink);
        },
        (err: unknown) => say(false, t('optionsNoAnswer', err instanceof Error ? err.message : String(err)), null),
      )
      .finally(() => {
        sending = false;
        render(shown);
      });
  };
  button.addEventListener('click', () => send());
  void loadWpSite().then((site) => {
    ready = wpReady(site);
    render(shown);
  });
  return { render };
}
