// The core's boundary, as the linter enforces it: src/ imports nothing from the rooms around it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the pure core stays pure', () => {
  it.each([
    ['src/job-x.ts', "import { loadJob } from '../lib/job-store';"],
    ['src/extract/x.ts', "import { Jobs } from '../../background/jobs';"],
    ['src/rewrite/x.ts', "import '../../popup/main';"],
    ['src/x.ts', "import { main } from '../cli/main';"],
    ['src/x.ts', "import browser from 'webextension-polyfill';"],
  ])('%s may not say %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it('the core may import itself, and the rooms may import the core', async () => {
    expect(await restrictedImports('src/extract/x.ts', "import { countWords } from '../words';\nexport { countWords };\n")).toEqual([]);
    expect(await restrictedImports('background/x.ts', "import { loadJob } from '../lib/job-store';\nexport { loadJob };\n")).toEqual([]);
  });
});
