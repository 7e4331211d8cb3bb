import { access, constants } from 'node:fs/promises';

/** Whether `path` is reachable with `mode` (default: it exists). Never throws. */
export const pathExists = (path: string, mode: number = constants.F_OK): Promise<boolean> =>
  access(path, mode).then(
    () => true,
    () => false,
  );
