import { PACKAGE_ROOT } from '../package-info.js';

/** The folder holding the package's own example table (participants/ and task/). */
export function exampleTableDir(): string {
  return PACKAGE_ROOT;
}
