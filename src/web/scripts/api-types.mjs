// Generates src/api/schema.d.ts, the TypeScript types of the API, from openapi.json (the document the server
// serves, checked in by scripts/update-api-contract). `--check` generates into a temporary file instead and fails
// when the checked-in types differ, so a hand edit or a forgotten regeneration cannot pass ./test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const document = join(web, 'openapi.json');
const types = join(web, 'src', 'api', 'schema.d.ts');
const check = process.argv.includes('--check');

const scratch = check ? mkdtempSync(join(tmpdir(), 'unbuilt-api-types-')) : undefined;
const output = scratch ? join(scratch, 'schema.d.ts') : types;
try {
  execFileSync(join(web, 'node_modules', '.bin', 'openapi-typescript'), [document, '--output', output], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (check) {
    const read = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
    if (read(output) !== read(types)) {
      console.error(`${relative(web, types)} is not what ${relative(web, document)} generates: run scripts/update-api-contract (or npm run api:types) and commit it.`);
      process.exitCode = 1;
    } else {
      console.log(`${relative(web, types)} matches ${relative(web, document)}.`);
    }
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
