// Writes FILE.br and FILE.gz beside every compressible file of a folder (the static site), at the
// highest levels: the server sends them as they are (Content-Encoding), no compression per request.
// Usage: node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.wasm', '.css', '.svg', '.html', '.json', '.txt', '.ttf']);

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      walk(file);
    } else if (COMPRESSIBLE.has(path.extname(name))) {
      const data = readFileSync(file);
      writeFileSync(file + '.br', brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }));
      writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
    }
  }
}

walk(process.argv[2]);
