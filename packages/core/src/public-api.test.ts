import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('public API of @hikikomori-register/core', () => {
  it('exports exactly the reviewed names (update the snapshot deliberately when the API changes)', () => {
    expect(Object.keys(core).sort()).toMatchSnapshot();
  });

  it('depends on nothing that does I/O, talks to a database or serves GraphQL', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['zod']);
  });
});
