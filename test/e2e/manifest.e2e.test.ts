/**
 * The permissions CloudExit asks for, checked on the built manifests against a committed snapshot:
 * any change fails until the snapshot is updated on purpose (and the README's privacy section with it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SNAPSHOT = JSON.parse(readFileSync(join(ROOT, 'test', 'manifest-permissions.json'), 'utf8'));

function permissionsOf(target: 'chrome-mv3' | 'firefox-mv3') {
  const manifest = JSON.parse(readFileSync(join(ROOT, '.output', target, 'manifest.json'), 'utf8'));
  return {
    permissions: [...(manifest.permissions ?? [])].sort(),
    host_permissions: [...(manifest.host_permissions ?? [])].sort(),
    optional_permissions: [...(manifest.optional_permissions ?? [])].sort(),
    optional_host_permissions: [...(manifest.optional_host_permissions ?? [])].sort(),
    content_script_matches: [
      ...new Set((manifest.content_scripts ?? []).flatMap((s: { matches: string[] }) => s.matches)),
    ].sort(),
    all_frames: (manifest.content_scripts ?? []).some((s: { all_frames?: boolean }) => s.all_frames),
  };
}

describe('manifest permissions', () => {
  for (const target of ['chrome-mv3', 'firefox-mv3'] as const) {
    it(`${target} matches test/manifest-permissions.json`, () => {
      expect(permissionsOf(target)).toEqual(SNAPSHOT);
    });
  }
  it('asks for no broad host access up front (only the on-demand sites are optional and broad)', () => {
    const { host_permissions, content_script_matches } = permissionsOf('chrome-mv3');
    for (const pattern of [...host_permissions, ...content_script_matches]) {
      expect(pattern).not.toMatch(/<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\//);
    }
  });
});
