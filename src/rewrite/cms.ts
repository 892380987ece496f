/**
 * "Copy for CMS": headline, article, meta description, slug and keywords in one clipboard payload, each field under
 * its label, as rich HTML (our own tags, the text escaped: see toHtml) and as plain text. A field the rewrite does not
 * have is left out, not written empty.
 */

import { toHtml, toPlainText } from './render';
import type { Seo } from './split';
import type { Translate } from '../i18n';

/** The fields' labels, in the UI's language. */
export interface CmsLabels {
  headline: string;
  article: string;
  metaDescription: string;
  slug: string;
  keywords: string;
}

/** The labels in the UI's language (the SEO pack's own words for its fields). */
export function cmsLabels(t: Translate): CmsLabels {
  return { headline: t('cmsHeadline'), article: t('cmsArticle'), metaDescription: t('seoMetaDescription'), slug: t('seoSlug'), keywords: t('seoKeywords') };
}

export interface CmsPayload {
  plain: string;
  html: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function cmsPayload(headline: string, body: string, seo: Seo, labels: CmsLabels): CmsPayload {
  const title = headline.trim();
  const article = toPlainText(body).trim();
  const extras: [string, string | undefined][] = [
    [labels.metaDescription, seo.metaDescription?.trim()],
    [labels.slug, seo.slug?.trim()],
    [
      labels.keywords,
      seo.keywords
        ?.map((k) => k.trim())
        .filter(Boolean)
        .join(', '),
    ],
  ];
  const fields = extras.filter((f): f is [string, string] => !!f[1]);

  const plain: string[] = [];
  if (title) plain.push(`${labels.headline}:\n${title}`);
  if (article) plain.push(`${labels.article}:\n${article}`);
  for (const [label, value] of fields) plain.push(`${label}:\n${value}`);

  const html: string[] = [];
  if (title) html.push(`<p><strong>${escape(labels.headline)}:</strong></p>`, toHtml(title, ''));
  const bodyHtml = toHtml('', body);
  if (bodyHtml) html.push(`<p><strong>${escape(labels.article)}:</strong></p>`, bodyHtml);
  for (const [label, value] of fields) html.push(`<p><strong>${escape(label)}:</strong> ${escape(value)}</p>`);

  return { plain: plain.join('\n\n'), html: html.join('\n') };
}
