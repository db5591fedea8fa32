import { TEXT_MAX_LENGTH, type TextKind } from '@hikikomori-register/core';
import SchemaBuilder, {
  BasePlugin,
  type PothosInputFieldConfig,
  type PothosInputFieldType,
  type SchemaTypes,
} from '@pothos/core';

/**
 * Every text input says its maximum in its description (入力の最大文字数), so that a form or a client
 * knows it before the register refuses with `too_big`. The numbers come from the core's rules:
 * `TEXT_MAX_LENGTH` for text (`text(kind)` / `textUpTo(kind)`), the id rule for every `ID`, and the
 * format's own length for formatted strings (codes, year-months, secrets).
 */
export type MaxLengthExtensions = {
  /** The core text rule of the input (its maximum is `TEXT_MAX_LENGTH[textKind]`). */
  readonly textKind?: TextKind;
  /** The maximum in characters; set by the plugin from `textKind`, or given for a format. */
  readonly maxLength?: number;
};

/** For an input validated by `text(kind)` or `textUpTo(kind)` in the core. */
export function maxText(kind: TextKind): { readonly extensions: MaxLengthExtensions } {
  return { extensions: { textKind: kind } };
}

/** For an input with a format of its own (a code, a year-month, a secret): its longest valid value. */
export function maxFormat(maxLength: number): { readonly extensions: MaxLengthExtensions } {
  return { extensions: { maxLength } };
}

/** The sentence added to a description, in Japanese and English. */
export function maxLengthNote(max: number): string {
  return `最大 ${max} 文字 / at most ${max} characters.`;
}

const PLUGIN_NAME = 'maxLength' as const;

function namedRef<Types extends SchemaTypes>(type: PothosInputFieldType<Types>): unknown {
  return type.kind === 'List' ? namedRef(type.type) : type.ref;
}

export class MaxLengthPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(config: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const ref = namedRef(config.type);
    const name = typeof ref === 'string' ? ref : this.buildCache.getTypeConfig(ref as string).name;
    const extensions = (config.extensions ?? {}) as MaxLengthExtensions;
    const max =
      extensions.maxLength ??
      (extensions.textKind
        ? TEXT_MAX_LENGTH[extensions.textKind]
        : name === 'ID'
          ? TEXT_MAX_LENGTH.id
          : undefined);
    if (max === undefined || (name !== 'String' && name !== 'ID')) return config;
    const note = maxLengthNote(max);
    return {
      ...config,
      description: config.description ? `${config.description} ${note}` : note,
      extensions: { ...config.extensions, maxLength: max },
    };
  }
}

SchemaBuilder.registerPlugin(PLUGIN_NAME, MaxLengthPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      maxLength: MaxLengthPlugin<Types>;
    }
  }
}

export default PLUGIN_NAME;
