import { describe, expect, it } from 'vitest';
import { createAgency } from '../agencies/agency.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

const agency = (id: string) =>
  createAgency(id, { kind: 'helloWork', name: `架空ハローワーク${id}`, municipalityCode: '242012' });

describe('InMemoryUnitOfWork', () => {
  it('rolls back every write of a failed transaction', async () => {
    const uow = new InMemoryUnitOfWork();
    await uow.transaction((r) => r.agencies.insert(agency('a')));
    await expect(
      uow.transaction(async (r) => {
        await r.agencies.insert(agency('b'));
        await r.audit.append([
          {
            id: 'x',
            at: new Date(),
            staffId: 's',
            agencyId: 'a',
            role: 'staff',
            operation: 'op',
            entity: 'agency',
            entityId: 'b',
            caseId: null,
            sections: [],
            outcome: 'allowed',
          },
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ids = await uow.transaction(async (r) => (await r.agencies.list({})).map((a) => a.id));
    expect(ids).toEqual(['a']);
    expect(uow.auditEntryCount).toBe(0);
  });

  it('hands out copies, so callers cannot change stored records', async () => {
    const uow = new InMemoryUnitOfWork();
    await uow.transaction((r) => r.agencies.insert(agency('a')));
    const loaded = await uow.transaction((r) => r.agencies.get('a'));
    (loaded as { name: string }).name = 'changed';
    expect((await uow.transaction((r) => r.agencies.get('a')))?.name).toBe('架空ハローワークa');
  });

  it('runs transactions one at a time', async () => {
    const uow = new InMemoryUnitOfWork();
    const order: string[] = [];
    await Promise.all([
      uow.transaction(async () => {
        order.push('1 start');
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('1 end');
      }),
      uow.transaction(async () => {
        order.push('2 start');
      }),
    ]);
    expect(order).toEqual(['1 start', '1 end', '2 start']);
  });
});
