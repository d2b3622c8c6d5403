/** Scans one folder as the language server does and prints what it reported, as JSON: run by
 *  diskFiles.test.ts under an unprivileged user, since root reads every file whatever its mode. */
import { pathToFileURL } from 'node:url';
import { scanFolders } from '../../server/src/lsp/diskFiles';

const errors: string[] = [];
void scanFolders([pathToFileURL(process.argv[2]).href], (e) => errors.push(e)).then((files) => {
  process.stdout.write(JSON.stringify({ files: files.map(([uri]) => uri), errors }));
});
