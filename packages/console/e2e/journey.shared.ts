import { readFile } from 'node:fs/promises';
import { type Actor, addDays, calendarDateOf } from '@hikikomori-register/core';
import { type RunningRegisterServer, startRegisterServer } from '@hikikomori-register/gateway';
import type { TestDatabaseProvider } from '@hikikomori-register/gateway/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchChromium, pageErrors } from './browser.ts';

/**
 * A case worker's day in the staff console, in a real Chromium, against the main job as `pnpm start`
 * runs it (demo data, the console served at `/`): sign in, find a case, record a home visit, move the
 * stage, accept a referral, download the indicators' CSV. Every screen is checked with axe-core.
 */
export function describeConsoleJourney(databases: TestDatabaseProvider): void {
  describe(`staff console in Chromium (${databases.name})`, () => {
    let server: RunningRegisterServer;
    let browser: Browser;
    let worker: Actor;
    let password: string;
    let loginId: string;

    beforeAll(async () => {
      server = await startRegisterServer({
        databaseUrl: await databases.create(),
        port: 0,
        demo: { cases: 60 },
        consoleDir: inject('consoleDir'),
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      });
      const demo = server.demo;
      if (!demo) throw new Error('the demo did not load');
      loginId = demo.signIn.workerLoginId;
      password = demo.signIn.password;
      const session = await server.staff.signIn(loginId, password);
      if (!session) throw new Error('the demo worker cannot sign in');
      worker = session.actor;
      // The case the journey looks for: a mother's call about her daughter.
      const today = calendarDateOf(new Date());
      await server.register.cases.open(worker, {
        person: {
          displayName: '試験 春子',
          kana: 'しけん はるこ',
          birthYearMonth: '1990-04',
          municipalityCode: '242012',
          household: [{ ref: 'mother', relation: 'mother', birthYear: 1962, livesWithPerson: true }],
        },
        case: { municipalityCode: '242012', openedOn: today },
      });
      // A referral waiting in the centre's inbox: the municipal desk refers a case, with the person's consent.
      const desk = (await server.register.agencies.list(worker)).find(
        (a) => a.name === '架空市ひきこもり支援窓口',
      );
      if (!desk) throw new Error('the demo has no municipal desk');
      const deskWorker: Actor = { staffId: 'e2e-desk-worker', agencyId: desk.id, role: 'staff' };
      const referred = await server.register.cases.open(deskWorker, {
        person: { displayName: '試験 夏男', kana: 'しけん なつお', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: today },
      });
      const consent = await server.register.sharing.recordConsent(deskWorker, {
        caseId: referred.case.id,
        givenBy: { kind: 'person' },
        scope: { sectors: ['health'] },
        givenOn: today,
      });
      await server.register.referrals.send(deskWorker, {
        caseId: referred.case.id,
        toAgencyId: worker.agencyId,
        reason: '専門的な相談の継続',
        requestedService: '訪問支援',
        legalBasis: { kind: 'consent', consentId: consent.id },
        sharedSections: ['summary', 'person'],
        sentOn: today,
      });
      const declined = await server.register.cases.open(deskWorker, {
        person: { displayName: '試験 秋子', kana: 'しけん あきこ', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: today },
      });
      await server.register.referrals.send(deskWorker, {
        caseId: declined.case.id,
        toAgencyId: worker.agencyId,
        reason: '就労に向けた相談',
        requestedService: '就労準備支援',
        legalBasis: {
          kind: 'consent',
          consentId: (
            await server.register.sharing.recordConsent(deskWorker, {
              caseId: declined.case.id,
              givenBy: { kind: 'person' },
              scope: { sectors: ['health'] },
              givenOn: today,
            })
          ).id,
        },
        sharedSections: ['summary', 'person'],
        sentOn: today,
      });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await databases.dropAll();
    });

    /** A new browser context signed in as the demo case worker (or `as` another account). */
    async function signedIn(
      as = { loginId: '', password: '', home: '今日の対応一覧' },
    ): Promise<{ page: Page; errors: string[] }> {
      const context = await browser.newContext({ acceptDownloads: true, locale: 'ja-JP' });
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(server.consoleUrl ?? '');
      await page.getByLabel('ログインID').fill(as.loginId || loginId);
      await page.getByLabel('パスワード').fill(as.password || password);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: as.home, level: 1 }).waitFor();
      return { page, errors };
    }

    const expectAccessible = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

    it('signs in, finds a case by name, records a home visit, moves the stage forward and back', async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '担当ケース一覧' }).click();
      await expect.poll(() => page.locator('.counts').textContent()).toMatch(/すべて\s*\d+\s*件/);
      await expectAccessible(page);

      // 氏名検索: by the kana reading.
      await page.getByLabel('氏名・ふりがな').fill('しけん　はるこ');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 1件');
      await page.getByRole('link', { name: '試験 春子' }).click();
      await page.getByRole('heading', { name: '支援段階と状態の推移' }).waitFor();
      expect(await page.locator('h1').textContent()).toContain('試験 春子');
      expect(await page.getByRole('img', { name: /支援段階と状態の推移/ }).count()).toBe(1);
      await expectAccessible(page);

      // 訪問（会えず）: the preset fills channel, contact and content; the mother is the one met.
      await page.getByText('相談・支援を記録する').click();
      await page.getByRole('button', { name: '訪問したが本人に会えなかった（接触試行）' }).click();
      await expectAccessible(page);
      await page.getByRole('button', { name: '記録する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('相談・支援を記録しました。');
      const visit = page.locator('section', { hasText: '相談・支援記録' }).locator('tbody tr').first();
      expect(await visit.textContent()).toMatch(/訪問.*母.*接触試行.*訪問活動/);

      // Only legal moves are offered: forward one step. Nobody has met her yet, so it is refused in Japanese.
      await page.getByText('支援段階を変更する').click();
      const form = page.getByRole('form', { name: '支援段階の変更' });
      expect(
        await form.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.parentElement?.textContent)),
      ).toEqual(['個人的支援段階へ進む']);
      await form.getByLabel('個人的支援段階へ進む').check();
      await form.getByRole('button', { name: '変更する' }).click();
      await expect
        .poll(() => form.textContent())
        .toContain('本人との直接の接触の記録がないため、この段階には進めません');

      // She comes to the office: a contact with the person, then the move goes through.
      await page.getByText('相談・支援を記録する').click();
      const contact = page.getByRole('form', { name: '相談・支援の記録' });
      await contact.getByLabel('方法（必須）').selectOption({ label: '来所' });
      await contact.getByRole('radio', { name: '本人', exact: true }).check();
      await contact.getByRole('radio', { name: '接触あり' }).check();
      await contact.getByRole('checkbox', { name: '相談（関係づくり）' }).check();
      // The next contact is planned with the record.
      await contact.getByLabel('次回支援予定日').fill(addDays(calendarDateOf(new Date()), 14));
      await contact.getByLabel('予定のメモ').fill('次回も来所');
      await contact.getByRole('button', { name: '記録する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('相談・支援を記録しました。');
      await expect.poll(() => page.locator('.next-contact').textContent()).toContain('次回も来所');
      await page.getByText('支援段階を変更する').click();
      await form.getByLabel('個人的支援段階へ進む').check();
      await form.getByRole('button', { name: '変更する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('支援段階を変更しました。');
      await expect
        .poll(() => page.locator('.summary').textContent())
        .toContain('本人の支援段階個人的支援段階');

      // Going back needs a reason: refused next to the field, then recorded with one.
      await page.getByText('支援段階を変更する').click();
      await form.getByLabel('出会い・評価段階へ戻る').check();
      await form.getByRole('button', { name: '変更する' }).click();
      const reason = form.getByLabel('戻る理由');
      await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator('.field-error').textContent()).toBe(
        '前の段階に戻るときは理由を選んでください',
      );
      await expectAccessible(page);
      await reason.selectOption({ label: '本人の希望' });
      await form.getByRole('button', { name: '変更する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('支援段階を変更しました。');
      await page.getByText(/推移を表で見る/).click();
      await expect
        .poll(() => page.locator('table', { hasText: '支援段階と状態の履歴' }).textContent())
        .toMatch(/個人的支援段階 → 出会い・評価段階本人の希望/);

      // Status moves offered to the lead: pause, contact lost, close; a pause asks for its reason.
      await page.getByText('状態を変更する（小休止・再開・終結）').click();
      const status = page.getByRole('form', { name: '状態の変更' });
      // Polled: the options render after the form opens.
      await expect
        .poll(() =>
          status.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.parentElement?.textContent)),
        )
        .toEqual(['小休止', '連絡途絶', '終結']);
      expect(errors).toEqual([]);
    });

    it('accepts a referral, declines another with its reason, and downloads the indicators as CSV for Excel', async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '紹介（受信・送信）' }).click();
      await page.getByRole('heading', { name: '紹介（受信・送信）', level: 1 }).waitFor();
      const waiting = page.locator('article.referral', { hasText: '試験 夏男' });
      await waiting.waitFor();
      expect(await waiting.textContent()).toMatch(/回答待ち.*紹介元架空市ひきこもり支援窓口/);
      await expectAccessible(page);
      await waiting.getByRole('button', { name: '受理する' }).click();
      await waiting
        .getByRole('form', { name: '紹介への回答' })
        .getByRole('button', { name: '受理する' })
        .click();
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('紹介を受理しました。協力機関としてケースを閲覧・記録できます。');
      // The accepted referral now waits for its outcome: it offers 完了, no longer 受理.
      await expect.poll(() => waiting.getByRole('button', { name: '完了を記録する' }).count()).toBe(1);
      expect(await waiting.getByRole('button', { name: '受理する' }).count()).toBe(0);
      // Accepting made the centre a supporting agency: the case is in its caseload now.
      await page.getByRole('link', { name: '担当ケース一覧' }).click();
      await page.getByLabel('氏名・ふりがな').fill('なつお');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 1件');

      // Declining needs a reason for the sender: refused next to the field without one.
      await page.getByRole('link', { name: '紹介（受信・送信）' }).click();
      const other = page.locator('article.referral', { hasText: '試験 秋子' });
      await other.getByRole('button', { name: '辞退する' }).click();
      const decline = other.getByRole('form', { name: '紹介への回答' });
      await decline.getByRole('button', { name: '辞退する' }).click();
      await expect
        .poll(() => decline.locator('.field-error').textContent())
        .toBe('入力してください（短すぎるか、小さすぎます）');
      await decline.getByLabel('辞退の理由').fill('当センターの訪問圏外のため');
      await decline.getByRole('button', { name: '辞退する' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('紹介を辞退しました。紹介元に理由が伝わります。');
      await expect.poll(() => other.count()).toBe(0);

      await page.getByRole('link', { name: 'モニタリング指標' }).click();
      await expect.poll(() => page.locator('h2').first().textContent()).toMatch(/^令和\d+年度（/);
      await expectAccessible(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /CSVをダウンロード/ }).click(),
      ]);
      const bytes = await readFile((await download.path()) ?? '');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(download.suggestedFilename()).toMatch(/^indicators-\d{4}-fiscalYear-agency\.csv$/);
      expect(bytes.toString('utf8')).toContain('新規相談件数');
      expect(errors).toEqual([]);
    });

    it('works from the keyboard: skip link, menu, and forms opened and sent with keys', async () => {
      const { page: first } = await signedIn();
      // A fresh tab of the signed-in browser: the page starts at the top.
      const page = await first.context().newPage();
      await page.goto(`${server.consoleUrl}cases`);
      await page.getByRole('heading', { name: '担当ケース一覧', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('本文へ移動');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.getByRole('link', { name: 'モニタリング指標' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'モニタリング指標', level: 1 }).waitFor();
      await page.getByRole('link', { name: '担当ケース一覧' }).focus();
      await page.keyboard.press('Enter');
      await page.getByLabel('氏名・ふりがな').focus();
      await page.keyboard.type('しけん はるこ');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 1件');
      await page.getByRole('link', { name: '試験 春子' }).focus();
      await page.keyboard.press('Enter');
      const summary = page.locator('summary', { hasText: '状態を変更する' });
      await summary.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('form', { name: '状態の変更' }).waitFor();
    });

    it('lets an agency admin add a staff member, whose temporary password is replaced at the first sign-in', async () => {
      const demo = server.demo;
      const { page: admin } = await signedIn({
        loginId: demo?.signIn.adminLoginId ?? '',
        password,
        home: '職員管理',
      });
      await expectAccessible(admin);
      await admin.getByLabel('氏名').fill('架空 新人');
      await admin.getByLabel('役割').selectOption({ label: '担当職員' });
      await admin.getByLabel('ログインID').fill('kakuu.shinjin');
      await admin.getByRole('button', { name: '追加して仮パスワードを発行' }).click();
      const secret = admin.locator('.handover .secret');
      await secret.waitFor();
      const temporary = (await secret.textContent()) ?? '';
      expect(temporary).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
      await expect
        .poll(() => admin.locator('tr', { hasText: 'kakuu.shinjin' }).textContent())
        .toContain('ログイン可');
      // The same login id twice is refused next to the field, in Japanese.
      await admin.getByLabel('氏名').fill('架空 同名');
      await admin.getByLabel('ログインID').fill('kakuu.shinjin');
      await admin.getByRole('button', { name: '追加して仮パスワードを発行' }).click();
      await expect
        .poll(() => admin.locator('.field-error').textContent())
        .toBe('このログインIDはすでに使われています');

      const context = await browser.newContext({ locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(server.consoleUrl ?? '');
      await page.getByLabel('ログインID').fill('kakuu.shinjin');
      await page.getByLabel('パスワード').fill('wrong guess here');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('ログインIDまたはパスワードが違います');
      await page.getByLabel('パスワード').fill(temporary);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: 'パスワード変更' }).waitFor();
      await page.getByLabel('今のパスワード').fill(temporary);
      await page.getByLabel('新しいパスワード（必須）', { exact: true }).fill('short');
      await page.getByLabel('新しいパスワード（確認）').fill('short');
      await page.getByRole('button', { name: '変更する' }).click();
      await expect
        .poll(() => page.locator('.field-error').textContent())
        .toBe('パスワードは10文字以上にしてください');
      await expectAccessible(page);
      await page.getByLabel('新しいパスワード（必須）', { exact: true }).fill('春の訪問は午前中に行く');
      await page.getByLabel('新しいパスワード（確認）').fill('春の訪問は午前中に行く');
      await page.getByRole('button', { name: '変更する' }).click();
      await page.getByRole('heading', { name: '今日の対応一覧', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    });

    it("lands on today's worklist grouped by reason, opens a case from it, and plans the next contact there", async () => {
      const { page, errors } = await signedIn();
      // The demo worker's day: three planned contacts due today, a pause to review.
      const planned = page.locator('section', {
        has: page.getByRole('heading', { name: /^次回支援予定日（/ }),
      });
      await expect.poll(() => planned.getByRole('heading').textContent()).toBe('次回支援予定日（3件）');
      expect(await planned.locator('tbody tr').count()).toBe(3);
      expect(await planned.textContent()).toContain('訪問：午前中に家庭訪問');
      expect(await page.getByRole('heading', { name: /^休止の見直し（\d+件）$/ }).count()).toBe(1);
      expect(await page.locator('.counts').textContent()).toMatch(/次回支援予定日 3件/);
      await expectAccessible(page);

      // Another day: the office visit planned three days ahead is due by then.
      const ahead = addDays(calendarDateOf(new Date()), 3);
      await page.getByLabel('対象日').fill(ahead);
      await expect.poll(() => planned.getByRole('heading').textContent()).toBe('次回支援予定日（4件）');
      expect(await planned.textContent()).toContain('来所：来所相談');
      expect(new URL(page.url()).searchParams.get('on')).toBe(ahead);
      await page.getByLabel('対象日').fill(calendarDateOf(new Date()));
      await expect.poll(() => planned.getByRole('heading').textContent()).toBe('次回支援予定日（3件）');

      // Each item leads to its case, where the plan is shown and can be changed or cleared.
      const row = planned.locator('tbody tr', { hasText: '午前中に家庭訪問' });
      const name = ((await row.getByRole('link').textContent()) ?? '').trim();
      await row.getByRole('link').click();
      await page.getByRole('heading', { name: '次回支援予定', level: 2 }).waitFor();
      expect(await page.locator('h1').textContent()).toContain(name);
      expect(await page.locator('.next-contact').textContent()).toMatch(
        /次回支援予定日：\d+年\d+月\d+日（訪問）\s*午前中に家庭訪問/,
      );
      await page.getByText('次回支援予定を変更する').click();
      const form = page.getByRole('form', { name: '次回支援予定' });
      await expectAccessible(page);
      // A past date is refused next to the field.
      await form.getByLabel('次回支援予定日').fill(addDays(calendarDateOf(new Date()), -1));
      await form.getByRole('button', { name: '予定を登録する' }).click();
      await expect
        .poll(() => form.locator('.field-error').textContent())
        .toBe('今日以降の日付を入力してください');
      expect(await form.getByLabel('次回支援予定日').getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel('次回支援予定日').fill(ahead);
      await form.getByLabel('予定の方法').selectOption({ label: '電話' });
      await form.getByLabel('予定のメモ').fill('本人に電話');
      await form.getByRole('button', { name: '予定を登録する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('次回支援予定を登録しました。');
      await expect.poll(() => page.locator('.next-contact').textContent()).toMatch(/（電話）\s*本人に電話/);
      await page.getByText(/これまでの予定/).click();
      expect(await page.locator('table', { hasText: '次回支援予定の履歴' }).locator('tbody tr').count()).toBe(
        2,
      );

      // Planned for later now: the case leaves today's list.
      await page.getByRole('link', { name: '今日の対応一覧' }).click();
      await expect.poll(() => planned.getByRole('heading').textContent()).toBe('次回支援予定日（2件）');
      expect(errors).toEqual([]);
    });

    it("lets a supervisor read a colleague's worklist", async () => {
      const { page, errors } = await signedIn({
        loginId: server.demo?.signIn.supervisorLoginId ?? '',
        password,
        home: '今日の対応一覧',
      });
      const colleague = page.getByLabel('職員', { exact: true });
      await expect.poll(() => colleague.locator('option', { hasText: '架空 相談員' }).count()).toBe(1);
      await colleague.selectOption({ label: '架空 相談員' });
      await expect
        .poll(() => page.getByRole('heading', { name: /^次回支援予定日（\d+件）$/ }).count())
        .toBe(1);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });

    it('searches persons by reading, birth month and municipality, and leads to their cases', async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '利用者検索' }).click();
      await page.getByRole('heading', { name: '利用者検索', level: 1 }).waitFor();
      await expectAccessible(page);
      // No criterion: refused before asking, the register is never listed whole.
      await page.getByRole('button', { name: '検索' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('氏名・ふりがな・生年月・市町村コードのいずれかを入力してください');
      // A bad municipality code is refused next to its field, in Japanese.
      await page.getByLabel('市町村コード').fill('99');
      await page.getByRole('button', { name: '検索' }).click();
      const code = page.getByLabel('市町村コード');
      await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.field-error').textContent()).toBe(
        '市町村コードは6桁の数字で入力してください',
      );
      await code.fill('');

      // Registered twice: katakana finds the hiragana reading; both records are listed.
      await page.getByLabel('ふりがな').fill('ジュウフク');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.persons caption').textContent()).toBe('検索結果 該当 2件');
      // Every criterion must hold: another birth month finds nobody.
      await page.getByLabel('生年月').fill('1994-08');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.persons caption').textContent()).toBe('検索結果 該当 0件');
      expect(await page.getByText('該当する利用者はいません。').count()).toBe(1);
      await page.getByLabel('生年月').fill('1994-07');
      await page.getByLabel('市町村コード').fill('242012');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.persons caption').textContent()).toBe('検索結果 該当 2件');
      expect(await page.locator('table.persons tbody').textContent()).toMatch(
        /架空 重複花子.*1994年7月生.*女性.*242012/,
      );
      expect(await page.locator('table.persons tbody').textContent()).toContain('1994年7月21日生');
      await expectAccessible(page);
      await page
        .getByRole('link', { name: /架空 重複花子/ })
        .first()
        .click();
      await page.getByRole('heading', { name: '担当ケース一覧', level: 1 }).waitFor();
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 2件');
      expect(errors).toEqual([]);
    });

    it('checks for duplicates at intake: opens for the registered person, refers one outside reach, or confirms another person', async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '担当ケース一覧' }).click();
      await page.getByRole('link', { name: /新規受付/ }).click();
      const form = page.getByRole('form', { name: '新規受付' });
      await expectAccessible(page);
      // The required fields, refused next to themselves.
      await form.getByRole('button', { name: '受け付ける' }).click();
      await expect.poll(() => form.getByLabel('氏名').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('市町村コード').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('氏名').fill('架空 重複花子');
      await form.getByLabel('ふりがな').fill('かくう じゅうふくはなこ');
      await form.getByLabel(/^生年月（/).fill('1994-07');
      await form.getByLabel('市町村コード').fill('242012');
      await form.getByRole('button', { name: '受け付ける' }).click();
      const candidates = page.locator('section.candidates');
      await expect
        .poll(() => candidates.getByRole('heading').textContent())
        .toBe('すでに登録されている可能性のある方（2件）');
      expect(await form.getByRole('alert').textContent()).toContain(
        'すでに登録されている方の可能性があります',
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('candidates-title');
      await expectAccessible(page);
      const registered = candidates.locator('li', { hasText: '1994年7月21日生' });
      expect(await registered.textContent()).toMatch(/一致した項目：.*ふりがな/);
      await registered.getByRole('button', { name: '架空 重複花子さんのケースとして受け付ける' }).click();
      await page.getByRole('heading', { name: '支援段階と状態の推移' }).waitFor();
      expect(await page.locator('h1').textContent()).toContain('架空 重複花子');

      // A person a partner agency supports: no personal data, the advice to ask or refer.
      await page.goto(`${server.consoleUrl}cases/new`);
      await form.getByLabel('氏名').fill('架空 他機関次郎');
      await form.getByLabel('ふりがな').fill('かくう たきかんじろう');
      await form.getByLabel(/^生年月（/).fill('1990-11');
      await form.getByLabel('市町村コード').fill('242012');
      await form.getByRole('button', { name: '受け付ける' }).click();
      const outside = candidates.locator('li.candidate');
      await expect.poll(() => outside.count()).toBe(1);
      expect(await outside.textContent()).toContain('他の機関の記録（当機関からは閲覧できません）');
      expect(await outside.textContent()).not.toContain('架空 他機関次郎');
      expect(await outside.getByRole('button').count()).toBe(0);
      await expectAccessible(page);
      // The worker asked: it is someone else with the same reading.
      await candidates.getByRole('button', { name: /重複ではないことを確認した/ }).click();
      await page.getByRole('heading', { name: '支援段階と状態の推移' }).waitFor();
      expect(await page.locator('h1').textContent()).toContain('架空 他機関次郎');
      expect(errors).toEqual([]);
    });

    it('lets a supervisor merge a person registered twice, with the reason, after confirming', async () => {
      const { page, errors } = await signedIn({
        loginId: server.demo?.signIn.supervisorLoginId ?? '',
        password,
        home: '今日の対応一覧',
      });
      await page.getByRole('link', { name: '担当ケース一覧' }).click();
      await page.getByLabel('氏名・ふりがな').fill('じゅうふく');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 3件');
      // The closed first registration: its record is the one merged away.
      await page.getByLabel('状態').selectOption({ label: '終結' });
      await expect.poll(() => page.locator('table.cases caption').textContent()).toContain('該当 1件');
      await page.getByRole('link', { name: '架空 重複花子' }).click();
      await page.getByText('利用者の統合（二重登録の名寄せ）').click();
      const form = page.getByRole('form', { name: '利用者の統合' });
      await form.getByRole('button', { name: '探す' }).click();
      const other = form.getByRole('radio', { name: /1994年7月21日生/ });
      await other.waitFor();
      // Nothing chosen, no reason, not confirmed: each refused next to its field.
      await form.getByRole('button', { name: '統合する' }).click();
      await expect
        .poll(() => form.locator('.field-error').allTextContents())
        .toEqual([
          '統合する相手の記録を選んでください',
          '統合の理由を入力してください',
          '内容を確認したら、チェックを入れてください',
        ]);
      await expectAccessible(page);
      await other.check();
      await form.getByRole('radio', { name: /^相手の記録/ }).check();
      await form.getByLabel('統合の理由').fill('同一人物の二重登録（生年月日・住所を本人に確認）');
      await form.getByRole('checkbox', { name: '同じ方の記録であることを確認しました' }).check();
      await form.getByRole('button', { name: '統合する' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('利用者の記録を統合しました。');
      // The case now belongs to the kept record, the one with the full birth date.
      await expect.poll(() => page.locator('.summary').textContent()).toContain('1994年7月21日生');
      expect(errors).toEqual([]);
    });
  });
}
