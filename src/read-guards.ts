/** The type checks every stored-record reader uses (src/job-read.ts, src/queue/read-item.ts): one definition each. */

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isCount = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;
/** A time a Date can hold (and print), from 1970 on. */
export const isTime = (v: unknown): v is number => isNum(v) && v >= 0 && v <= 8.64e15;
