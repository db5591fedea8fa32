import { expect, it } from 'vitest';
import { walkACase } from './walk-a-case.ts';

it('walks a case through the stages and prints its history and the fiscal-year indicators', async () => {
  const lines: string[] = [];
  await walkACase((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toMatch(/opened case .* from a family-only consultation/);
  expect(text).toContain('referral to 架空地域若者サポートステーション: accepted');
  expect(lines.filter((l) => l.startsWith('  2025-') || l.startsWith('  2026-'))).toHaveLength(4);
  expect(text).toContain('(reWithdrawal)');
  expect(text).toContain('indicators 令和7年度:');
});
