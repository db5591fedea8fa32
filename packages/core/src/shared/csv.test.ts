import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('CSV for Excel', () => {
  it('neutralises formula-looking text and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('行1\n行2')).toBe('"行1\n行2"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes a BOM, then one CRLF-terminated line per row', () => {
    const csv = csvDocument([
      ['区分', '内容'],
      ['メモ', '=1+1'],
    ]);
    expect(csv).toBe("\uFEFF区分,内容\r\nメモ,'=1+1\r\n");
  });
});
