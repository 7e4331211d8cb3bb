import { describe, expect, it } from 'vitest';
import { BeadIdParam } from './schema.ts';

describe('BeadIdParam', () => {
  it('accepts plain bead ids', () => {
    for (const id of ['api-refresh-endpoint', 'bead_1', 'AUTH-12.b3', '.hidden-but-harmless']) {
      expect(BeadIdParam.safeParse(id).success, id).toBe(true);
    }
  });

  it('refuses ids that could leave a folder or hide control characters', () => {
    for (const id of ['', '..', 'a..b', 'a/b', '/etc', 'a\\b', 'a\u0000b', 'a\nb', 'a\u007fb', 'x'.repeat(201)]) {
      expect(BeadIdParam.safeParse(id).success, JSON.stringify(id)).toBe(false);
    }
  });
});
