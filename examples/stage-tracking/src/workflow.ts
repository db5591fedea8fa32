import type { CaseSummary, RegisterClient, StageEntry, SupportStage } from '@hikikomori-register/client';

const STAGES: readonly SupportStage[] = ['ENCOUNTER', 'INDIVIDUAL', 'GROUP', 'SOCIAL_PARTICIPATION'];
const STAGE_JA: Record<SupportStage, string> = {
  ENCOUNTER: '出会い・評価段階',
  INDIVIDUAL: '個人的支援段階',
  GROUP: '中間的・過渡的な集団との再会段階',
  SOCIAL_PARTICIPATION: '社会参加の試行段階',
};

export interface StageTrackingResult {
  readonly overdue: readonly CaseSummary[];
  readonly referralPending: readonly CaseSummary[];
  readonly incomingReferrals: number;
  /** The case visited and moved, after the move. */
  readonly visited: CaseSummary | null;
  /** The stage history entry the move wrote. */
  readonly move: StageEntry | null;
}

/**
 * A case worker's morning: the caseload with overdue plan reviews and referrals waiting for an answer,
 * then a home visit to the first overdue case and the stage move it leads to — all through the client.
 * A visit where the person does not come out in the group stage or later is a step back (re-withdrawal,
 * the reason is required); otherwise a visit that meets the person is a step forward.
 */
export async function runStageTracking(options: {
  readonly client: RegisterClient;
  readonly today: string;
  readonly print: (line: string) => void;
}): Promise<StageTrackingResult> {
  const { client, today, print } = options;
  const me = await client.me();
  print(`${me.displayName ?? me.staffId} (${me.agency?.name ?? '—'}), ${today}`);

  const overdue = await collect(client.caseloadAll({ status: 'ACTIVE', reviewOverdue: true }));
  print(`\nPlan reviews overdue (${overdue.length}):`);
  for (const c of overdue) print(`  ${line(c)}`);

  const referralPending = await collect(client.caseloadAll({ referralPending: true }));
  print(`\nReferrals waiting for an answer (${referralPending.length}):`);
  for (const c of referralPending) print(`  ${line(c)}`);

  const inbox = await client.referrals({ direction: 'INCOMING', statuses: ['SENT'], first: 100 });
  print(`\nReferrals received, to answer: ${inbox.referrals.length}`);

  const target = overdue[0];
  if (!target) {
    print('\nNo overdue review today: nothing to visit.');
    return { overdue, referralPending, incomingReferrals: inbox.referrals.length, visited: null, move: null };
  }

  const before = await client.getCase(target.id);
  if (!before) throw new Error('the case is no longer visible');
  // When the person does not come out, the visit is recorded with the family member who answered.
  const family = before.household?.[0];
  const index = STAGES.indexOf(target.stage);
  const stepBack = index >= STAGES.indexOf('GROUP') && family !== undefined;
  const visit = await client.recordContact({
    caseId: target.id,
    occurredOn: today,
    channel: 'HOME_VISIT',
    consultingParty:
      stepBack && family ? { kind: 'HOUSEHOLD_MEMBER', householdMemberId: family.id } : { kind: 'PERSON' },
    personContact: stepBack ? 'ATTEMPTED' : 'REACHED',
    contents: ['VISIT'],
    durationMinutes: 60,
    note: {
      text: stepBack ? '声はかけたが部屋から出てこなかった' : '玄関先で本人と話せた',
      visibility: 'NORMAL',
    },
  });
  if (!visit.ok)
    throw new Error(`the visit was refused: ${visit.userErrors.map((e) => e.message).join('; ')}`);
  print(
    `\nHome visit to ${target.person?.displayName}: ${stepBack ? 'the person did not come out' : 'met the person'}`,
  );

  const to = STAGES[stepBack ? index - 1 : index + 1] as SupportStage;
  const moved = await client.moveStage({
    caseId: target.id,
    to,
    effectiveOn: today,
    // A stale version would be refused as a conflict, never overwrite another worker's change.
    expectedVersion: before.version,
    ...(stepBack ? { reason: 'RE_WITHDRAWAL' as const, note: '居場所に来なくなり、訪問にも出てこない' } : {}),
  });
  if (!moved.ok)
    throw new Error(`the stage move was refused: ${moved.userErrors.map((e) => e.message).join('; ')}`);
  const { entry } = moved.value;
  print(
    `Stage ${entry.direction === 'BACK' ? 'back' : 'forward'}: ${STAGE_JA[entry.from ?? target.stage]} → ${STAGE_JA[entry.to]}` +
      (entry.reason && entry.direction === 'BACK' ? ` (reason ${entry.reason})` : ''),
  );
  return {
    overdue,
    referralPending,
    incomingReferrals: inbox.referrals.length,
    visited: moved.value.case,
    move: entry,
  };
}

function line(c: CaseSummary): string {
  const last = c.lastContact
    ? `last contact ${c.lastContact.occurredOn} (${c.lastContact.channel})`
    : 'no contact yet';
  return `${c.person?.displayName ?? '(not visible)'} — ${STAGE_JA[c.stage]}, opened ${c.openedOn}, ${last}`;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
