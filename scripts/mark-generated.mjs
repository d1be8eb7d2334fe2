// Marks a generated file as such in its first line (STYLE rule 9), so nobody edits it by hand.
// Usage: node scripts/mark-generated.mjs <file> [<file> ...]
import { readFileSync, writeFileSync } from 'node:fs';

const HEADER = '// Generated from openapi.json by openapi-typescript — do not edit.';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: mark-generated.mjs <file> [<file> ...]');
  process.exit(2);
}
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (text.startsWith(HEADER)) continue;
  writeFileSync(file, `${HEADER}\n${text}`);
}
