import { z } from 'zod';
import { parseInput } from '../shared/errors.ts';
import type { ChecklistId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import { type SupportStage, supportStageSchema } from '../stages/support-stage.ts';

/**
 * A checklist is DATA, not code: each prefecture may load its own (Mie's 適応行動チェックリスト is not
 * public), and a checklist changes over time, so every definition carries a version and every
 * assessment names the version it was answered against.
 *
 * Scoring convention: a higher item score always means more adaptive behaviour. Items phrased the
 * other way round (e.g. "昼夜逆転している") are marked `reverse` and scored `max + min - value`, so
 * domain and total scores read the same way for every item.
 */
export interface ScaleLabel {
  readonly value: number;
  readonly label: string;
  readonly labelJa: string;
}

export interface ItemScale {
  readonly min: number;
  readonly max: number;
  /** Optional anchor labels shown to the rater; each value lies within min..max. */
  readonly labels?: readonly ScaleLabel[];
}

export interface ChecklistItem {
  readonly id: string;
  readonly text: string;
  readonly textJa: string;
  readonly scale: ItemScale;
  /** Negatively phrased item: scored `max + min - value`. */
  readonly reverse?: boolean;
}

export interface ChecklistDomain {
  readonly id: string;
  readonly label: string;
  readonly labelJa: string;
  readonly items: readonly ChecklistItem[];
}

/** A band of total scores that suggests a support stage. A hint for the conversation, never a decision. */
export interface StageHint {
  readonly minTotal: number;
  readonly maxTotal: number;
  readonly stage: SupportStage;
  readonly label: string;
}

export interface ChecklistDefinition {
  readonly id: ChecklistId;
  /** Starts at 1; a changed item list is a new version, never an edit of the old one. */
  readonly version: number;
  readonly name: string;
  readonly nameJa: string;
  readonly description: string;
  readonly domains: readonly ChecklistDomain[];
  readonly stageHints?: readonly StageHint[];
}

const idSchema = text('id');
const textSchema = text('shortText');

export const scaleLabelSchema = z.object({
  value: z.number().int(),
  label: textSchema,
  labelJa: textSchema,
});

export const itemScaleSchema = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    labels: z.array(scaleLabelSchema).optional(),
  })
  .superRefine((scale, ctx) => {
    if (scale.min >= scale.max)
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `scale max (${scale.max}) must be greater than min (${scale.min})`,
        params: { rule: 'scale_min_below_max' },
      });
    const seen = new Set<number>();
    scale.labels?.forEach((l, i) => {
      if (l.value < scale.min || l.value > scale.max)
        ctx.addIssue({
          code: 'custom',
          path: ['labels', i, 'value'],
          message: `label value ${l.value} is outside the scale ${scale.min}..${scale.max}`,
          params: { rule: 'label_in_scale' },
        });
      if (seen.has(l.value))
        ctx.addIssue({
          code: 'custom',
          path: ['labels', i, 'value'],
          message: `label value ${l.value} is listed twice`,
          params: { rule: 'label_value_unique' },
        });
      seen.add(l.value);
    });
  });

export const checklistItemSchema = z.object({
  id: idSchema,
  text: textSchema,
  textJa: textSchema,
  scale: itemScaleSchema,
  reverse: z.boolean().optional(),
});

export const checklistDomainSchema = z.object({
  id: idSchema,
  label: textSchema,
  labelJa: textSchema,
  items: z.array(checklistItemSchema).min(1),
});

export const stageHintSchema = z
  .object({
    minTotal: z.number().int(),
    maxTotal: z.number().int(),
    stage: supportStageSchema,
    label: textSchema,
  })
  .refine((h) => h.minTotal <= h.maxTotal, {
    path: ['maxTotal'],
    message: 'maxTotal must not be below minTotal',
    params: { rule: 'hint_min_not_above_max' },
  });

/**
 * Rules beyond shapes:
 *  - domain ids unique (`domain_id_unique`); item ids unique across the whole checklist, because
 *    answers are keyed by item id (`item_id_unique`);
 *  - every scale has min < max (`scale_min_below_max`), labels within the scale and unique;
 *  - stage hint bands do not overlap (`hint_bands_disjoint`) and lie within the totals the checklist
 *    can produce (`hint_within_total_range`).
 */
export const checklistDefinitionSchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    name: textSchema,
    nameJa: textSchema,
    description: text('longText'),
    domains: z.array(checklistDomainSchema).min(1),
    stageHints: z.array(stageHintSchema).optional(),
  })
  .superRefine((def, ctx) => {
    const domainIds = new Set<string>();
    const itemIds = new Set<string>();
    def.domains.forEach((domain, d) => {
      if (domainIds.has(domain.id))
        ctx.addIssue({
          code: 'custom',
          path: ['domains', d, 'id'],
          message: `domain id ${domain.id} is used twice`,
          params: { rule: 'domain_id_unique' },
        });
      domainIds.add(domain.id);
      domain.items.forEach((item, i) => {
        if (itemIds.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: ['domains', d, 'items', i, 'id'],
            message: `item id ${item.id} is used twice`,
            params: { rule: 'item_id_unique' },
          });
        itemIds.add(item.id);
      });
    });

    const hints = def.stageHints ?? [];
    if (hints.length === 0) return;
    // Only meaningful once every scale is sound; the scale issue is reported already.
    const scales = def.domains.flatMap((d) => d.items.map((i) => i.scale));
    if (scales.some((s) => s.min >= s.max)) return;
    const range = totalRangeOfScales(scales);
    hints.forEach((hint, h) => {
      if (hint.minTotal < range.min || hint.maxTotal > range.max)
        ctx.addIssue({
          code: 'custom',
          path: ['stageHints', h],
          message: `band ${hint.minTotal}..${hint.maxTotal} lies outside the possible totals ${range.min}..${range.max}`,
          params: { rule: 'hint_within_total_range' },
        });
      for (let o = 0; o < h; o++) {
        const other = hints[o];
        if (other && hint.minTotal <= other.maxTotal && other.minTotal <= hint.maxTotal)
          ctx.addIssue({
            code: 'custom',
            path: ['stageHints', h],
            message: `band ${hint.minTotal}..${hint.maxTotal} overlaps band ${other.minTotal}..${other.maxTotal}`,
            params: { rule: 'hint_bands_disjoint' },
          });
      }
    });
  });
export type ChecklistDefinitionInput = z.input<typeof checklistDefinitionSchema>;

function totalRangeOfScales(scales: readonly ItemScale[]): { min: number; max: number } {
  return scales.reduce((acc, s) => ({ min: acc.min + s.min, max: acc.max + s.max }), { min: 0, max: 0 });
}

/** Validates a checklist definition (e.g. one a prefecture loads) and returns it typed. */
export function defineChecklist(input: unknown): ChecklistDefinition {
  return parseInput(checklistDefinitionSchema, input);
}

/** Every item of the checklist in domain order, with its domain id. */
export function checklistItems(
  definition: ChecklistDefinition,
): readonly { readonly domainId: string; readonly item: ChecklistItem }[] {
  return definition.domains.flatMap((domain) => domain.items.map((item) => ({ domainId: domain.id, item })));
}

export function findChecklistItem(
  definition: ChecklistDefinition,
  itemId: string,
): ChecklistItem | undefined {
  return checklistItems(definition).find((entry) => entry.item.id === itemId)?.item;
}

/** The lowest and highest total the checklist can produce. */
export function totalRange(definition: ChecklistDefinition): { min: number; max: number } {
  return totalRangeOfScales(checklistItems(definition).map((e) => e.item.scale));
}

// ---------------------------------------------------------------------------------------------------
// The project's own default checklist.

/** 0–3: how well the statement fits the person over the last month. */
const FIT_SCALE: ItemScale = {
  min: 0,
  max: 3,
  labels: [
    { value: 0, label: 'does not apply', labelJa: 'あてはまらない' },
    { value: 1, label: 'rarely applies', labelJa: 'あまりあてはまらない' },
    { value: 2, label: 'somewhat applies', labelJa: 'ややあてはまる' },
    { value: 3, label: 'applies', labelJa: 'あてはまる' },
  ],
};

function item(id: string, text: string, textJa: string, reverse = false): ChecklistItem {
  return reverse ? { id, text, textJa, scale: FIT_SCALE, reverse } : { id, text, textJa, scale: FIT_SCALE };
}

export const DEFAULT_CHECKLIST_ID = 'hikikomori-register-default';

/**
 * The register's own default checklist (version 1): 7 domains, 24 items, each scored 0–3 (total
 * 0–72, higher = more adaptive). It is NOT the Mie prefecture checklist, whose items are not public;
 * a prefecture loads its own definition with `defineChecklist`.
 */
export const DEFAULT_CHECKLIST: ChecklistDefinition = defineChecklist({
  id: DEFAULT_CHECKLIST_ID,
  version: 1,
  name: 'Hikikomori register default adaptive behaviour checklist',
  nameJa: 'ひきこもり台帳 標準適応行動チェックリスト',
  description:
    "This is the hikikomori register project's own checklist. It is NOT the Mie prefecture checklist " +
    '(三重県ひきこもり支援のチェックリスト / 三重県版ひきこもり適応行動チェックリスト), whose items are not public. ' +
    'Rate each statement for the last month (0 = does not apply … 3 = applies); negatively phrased ' +
    'items are reverse-scored so that a higher score always means more adaptive behaviour. Scores and ' +
    'stage hints are an aid for conversation and for seeing change over time, not a diagnosis or an ' +
    'assessment of illness. 本チェックリストは本プロジェクト独自のものであり、三重県のチェックリストではありません。' +
    '得点は支援の話し合いと経過の把握のための目安であり、診断ではありません。',
  domains: [
    {
      id: 'dailyRhythm',
      label: 'Daily rhythm',
      labelJa: '生活リズム',
      items: [
        item(
          'rhythm-wake',
          'Gets up at roughly the same time each day',
          '毎日おおむね決まった時間に起きている',
        ),
        item('rhythm-reversed', 'Day and night are reversed', '昼夜逆転している', true),
        item('rhythm-meals', 'Eats meals at regular times', '食事をおおむね決まった時間にとっている'),
        item(
          'rhythm-plans',
          'Has something planned for most days',
          'ほとんどの日に何かしらの予定や日課がある',
        ),
      ],
    },
    {
      id: 'selfCare',
      label: 'Self-care',
      labelJa: '身の回りのこと',
      items: [
        item('care-hygiene', 'Bathes and changes clothes regularly', '入浴や着替えを定期的にしている'),
        item(
          'care-room',
          'Keeps their own room in a liveable state',
          '自分の部屋を生活できる状態に保っている',
        ),
        item(
          'care-chores',
          'Does some housework (cooking, laundry, shopping)',
          '料理・洗濯・買い物などの家事を一部している',
        ),
      ],
    },
    {
      id: 'familyRelations',
      label: 'Family relations',
      labelJa: '家族との関係',
      items: [
        item(
          'family-talk',
          'Talks with family members in everyday matters',
          '日常的なことで家族と会話している',
        ),
        item('family-meals', 'Shares meals or time with family', '家族と食事や時間を共にすることがある'),
        item(
          'family-conflict',
          'Conflicts or violence at home are frequent',
          '家庭内で衝突や暴言・暴力が頻繁にある',
          true,
        ),
        item(
          'family-avoid',
          'Avoids meeting family members in the house',
          '家の中で家族と顔を合わせることを避けている',
          true,
        ),
      ],
    },
    {
      id: 'goingOut',
      label: 'Going out',
      labelJa: '外出',
      items: [
        item(
          'out-near',
          'Goes out to nearby places (convenience store, walk)',
          'コンビニや散歩など近所に外出する',
        ),
        item('out-weekly', 'Goes out two or more days a week', '週に2日以上外出する'),
        item('out-transport', 'Uses public transport on their own', '一人で公共交通機関を利用できる'),
        item('out-room', 'Rarely leaves their own room', '自室からほとんど出ない', true),
      ],
    },
    {
      id: 'contactWithOthers',
      label: 'Contact with others',
      labelJa: '他者との交流',
      items: [
        item('others-worker', 'Meets or talks with a support worker', '支援者と会ったり話したりしている'),
        item(
          'others-friends',
          'Keeps in touch with friends or acquaintances (incl. online)',
          '友人・知人と連絡を取っている（オンラインを含む）',
        ),
        item(
          'others-group',
          'Takes part in a small group (居場所, peer group)',
          '居場所や当事者会などの小集団に参加している',
        ),
      ],
    },
    {
      id: 'socialParticipation',
      label: 'Social participation',
      labelJa: '社会参加',
      items: [
        item(
          'social-interest',
          'Talks about wanting to study, work or take part in something',
          '学び・仕事・活動への関心を話す',
        ),
        item(
          'social-trial',
          'Tries work experience, volunteering or study',
          '就労体験・ボランティア・学習などを試みている',
        ),
        item(
          'social-regular',
          'Goes to work, school or an activity regularly',
          '仕事・学校・活動に定期的に通っている',
        ),
      ],
    },
    {
      id: 'health',
      label: 'Health',
      labelJa: '心身の健康',
      items: [
        item('health-sleep', 'Sleeps reasonably well', 'おおむね眠れている'),
        item(
          'health-distress',
          'Shows strong anxiety, low mood or distress',
          '強い不安・気分の落ち込み・苦痛がみられる',
          true,
        ),
        item(
          'health-care',
          'Sees a doctor or takes medication when needed',
          '必要なときに受診や服薬ができている',
        ),
      ],
    },
  ],
  stageHints: [
    { minTotal: 0, maxTotal: 18, stage: 'encounter', label: '出会い・評価段階の目安' },
    { minTotal: 19, maxTotal: 36, stage: 'individual', label: '個人的支援段階の目安' },
    { minTotal: 37, maxTotal: 54, stage: 'group', label: '集団との再会段階の目安' },
    { minTotal: 55, maxTotal: 72, stage: 'socialParticipation', label: '社会参加の試行段階の目安' },
  ],
});
