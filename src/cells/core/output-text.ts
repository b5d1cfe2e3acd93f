/**
 * The words the output renderer adds around a cell's outputs, per page
 * language: the same outputs read naturally on an English and a Chinese page.
 */
import type { CellLang } from './markup.ts';

export interface OutputText {
  hiddenLines(count: number): string;
  moreCharacters(count: number): string;
  moreItems(count: number): string;
  moreRows(count: number): string;
  circular: string;
  shared(label: string): string;
  position(line: number, column?: number): string;
  invalid(reason: string): string;
}

const grouped = (count: number, locale: string) => count.toLocaleString(locale);

export const outputText: Record<CellLang, OutputText> = {
  en: {
    hiddenLines: (count) => `… ${grouped(count, 'en')} lines hidden …`,
    moreCharacters: (count) => `Show ${grouped(count, 'en')} more characters`,
    moreItems: (count) => `… ${grouped(count, 'en')} more`,
    moreRows: (count) => `Show ${grouped(count, 'en')} more rows`,
    circular: '[Circular]',
    shared: (label) => `[Shared ${label}: shown above]`,
    position: (line, column) => ` (line ${line}${column ? `, column ${column}` : ''})`,
    invalid: (reason) => `An invalid output from the cell was dropped: ${reason}.`,
  },
  'zh-cn': {
    hiddenLines: (count) => `… 已隐藏 ${grouped(count, 'zh-CN')} 行 …`,
    moreCharacters: (count) => `显示其余 ${grouped(count, 'zh-CN')} 个字符`,
    moreItems: (count) => `… 另有 ${grouped(count, 'zh-CN')} 项`,
    moreRows: (count) => `显示其余 ${grouped(count, 'zh-CN')} 行`,
    circular: '[循环引用]',
    shared: (label) => `[共享引用 ${label}：见上文]`,
    position: (line, column) => `（第 ${line} 行${column ? `，第 ${column} 列` : ''}）`,
    invalid: (reason) => `单元发来的输出无效，已丢弃：${reason}。`,
  },
};
