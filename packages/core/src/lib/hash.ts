import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of the exact UTF-8 bytes (workflow.md §14.4). */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
