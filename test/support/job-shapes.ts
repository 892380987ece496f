/**
 * Jobs for tests, in any state, from loose fields (the stored shape of this build or an earlier one): read the way
 * stored records are read, and refused if any field needed repair, so a test never builds an illegal job.
 */
import { newJob, type JobRecord } from '../../src/job';
import { readJob } from '../../src/job-read';

export type LooseJob = Record<string, unknown>;

export function jobFrom(fields: LooseJob, key = 'https://n.example/a'): JobRecord {
  const read = readJob({ ...newJob('id', key, key, 'gpt-4o-mini', Date.UTC(2026, 10, 1)), ...fields });
  if (!read) throw new Error('not a job: no text');
  if (read.repaired.length) throw new Error(`not a sound job: ${read.repaired.join(', ')}`);
  return read.job;
}
