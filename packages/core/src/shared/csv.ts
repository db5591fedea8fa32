/**
 * CSV for municipal staff who open it in Excel (Japanese Windows): UTF-8 with a byte-order mark (so
 * Excel does not read it as Shift_JIS), CRLF line ends, RFC 4180 quoting, and formula-safe cells.
 * Indicator reports and 開示 exports both go through here.
 */
const BOM = '\uFEFF';

/**
 * One cell. Quoted when needed (RFC 4180), and a leading `= + - @` (or tab / carriage return) is
 * neutralised with an apostrophe so that no text can run as a formula (CSV injection) — free text
 * written by staff is exactly where such a cell would come from.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as one CSV document: BOM, CRLF after every row. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${BOM + rows.map((cells) => cells.map((c) => csvCell(c)).join(',')).join('\r\n')}\r\n`;
}
