// Small statistics and formatting helpers for `npm run bench`.
export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export function median(xs) {
  const s = sorted(xs);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
}
/** Nearest-rank 95th percentile. */
export function p95(xs) {
  const s = sorted(xs);
  return s.length ? s[Math.max(1, Math.ceil(0.95 * s.length)) - 1] : NaN;
}
export const sum = (xs) => xs.reduce((a, b) => a + b, 0);
export const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
export const ms = (x, d = 1) => `${fmt(x, d)} ms`;
/** PASS / FAIL, or a note when the figure could not be measured. */
export const verdict = (ok, missing = false) => (missing ? 'SKIP' : ok ? 'PASS' : 'FAIL');
