/** Reading the files a command's options name: the adapter does the I/O, the services only see text. */
import { readFileSync } from 'node:fs';
import { UsageError } from './args';

/** The file's text; a file that cannot be read is a usage error naming the option (or argument) and why. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a folder' : e.message;
    throw new UsageError(`${what}: cannot read "${path}": ${why}`);
  }
}
