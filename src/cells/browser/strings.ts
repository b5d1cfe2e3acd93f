/**
 * The visible text the live cells add to a page, per page language. Control
 * names live in core/markup.ts (they are part of the build/browser contract).
 */
import type { CellLang, CellState } from '../core/markup.ts';

export function pageLang(document: Document): CellLang {
  return document.documentElement.lang.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Rounded to the second first, so 119.6 s reads "2 min 0 s", not "1 min 60 s". */
function minutes(ms: number, min: string, sec: string): string {
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} ${min} ${seconds % 60} ${sec}`;
}

interface Strings {
  state: Record<CellState, string>;
  edited: string;
  backend: string;
  backendAuto: string;
  backendNotLoaded: string;
  toolbar: string;
  stopped: string;
  shareOpened(count: number): string;
  shareBroken: string;
  shareLink: string;
  linkCopied: string;
  linkReady: string;
  copied: string;
  copyFailed: string;
  kernelStopped(message: string): string;
  invalidMessage(reason: string): string;
  crashedLastTime(cell: string): string;
  originalChanged: string;
  showOriginal: string;
  shareTooLarge(limit: number): string;
  /** How long a run took, short enough for the cell header. */
  duration(ms: number): string;
  /** The editor's key hint: what Shift+Enter and Esc do there. */
  keys: { run: string; leave: string };
  yourRun: string;
  buildRun: string;
  /** The build ran nothing for this cell, so there is nothing to compare with. */
  noBuildOutput: string;
  tableDiffers(changed: number, total: number): string;
  tableSame: string;
  buildValue(value: string): string;
  errorLine(line: number): string;
}

export const strings: Record<CellLang, Strings> = {
  en: {
    state: { idle: 'not run', running: 'running…', done: 'done', stale: 'stale: an edit changed its inputs', error: 'error', skipped: 'not run at build' },
    edited: 'edited',
    backend: 'Backend',
    backendAuto: 'automatic',
    backendNotLoaded: 'TensorFlow.js not loaded yet',
    toolbar: 'Cells on this page',
    stopped: 'Stopped. The kernel was reset: every cell has to run again.',
    shareOpened: (count) =>
      `This page was opened from a share link: ${count} cell${count === 1 ? '' : 's'} show${count === 1 ? 's' : ''} someone’s edited code. Nothing has run; read it, then run it yourself. "Reset cell" restores the original.`,
    shareBroken: 'This share link is damaged: the page shows its original code.',
    shareLink: 'Share link',
    linkCopied: 'Link copied to the clipboard.',
    linkReady: 'Link ready: copy it from the field.',
    copied: 'Code copied to the clipboard.',
    copyFailed: 'The clipboard refused the copy.',
    kernelStopped: (message) => `The cell kernel stopped: ${message}. Its state is gone; the next run starts a fresh kernel.`,
    invalidMessage: (reason) => `The cell kernel sent a message the page refused: ${reason}.`,
    crashedLastTime: (cell) => `The page closed while cell “${cell}” was running: that run probably crashed it (memory, most likely). Your edits are kept and nothing has run.`,
    originalChanged: 'The author has changed this cell since you edited it. Your edit is kept.',
    showOriginal: 'Show the new original',
    shareTooLarge: (limit) => `This share link carries more than ${Math.round(limit / 1024)} KB of code, so the page did not load it and shows its original code.`,
    duration: (ms) => (ms < 1_000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1_000).toFixed(1)} s` : minutes(ms, 'min', 's')),
    keys: { run: 'runs', leave: 'leaves the editor' },
    yourRun: 'Your run',
    buildRun: 'The build',
    noBuildOutput: 'The build showed no output for this cell.',
    tableDiffers: (changed, total) => `${changed} of ${total} value${total === 1 ? '' : 's'} differ${changed === 1 ? 's' : ''}`,
    tableSame: 'same values',
    buildValue: (value) => `The build: ${value === '' ? '(empty)' : value}`,
    errorLine: (line) => `The error is on line ${line}`,
  },
  'zh-cn': {
    state: { idle: '未运行', running: '运行中…', done: '完成', stale: '已过期：上游代码被修改', error: '出错', skipped: '构建时未运行' },
    edited: '已修改',
    backend: '后端',
    backendAuto: '自动',
    backendNotLoaded: '尚未加载 TensorFlow.js',
    toolbar: '本页代码单元',
    stopped: '已停止。内核已重置：所有单元需要重新运行。',
    shareOpened: (count) => `本页来自分享链接：${count} 个单元显示的是他人修改过的代码。尚未运行任何代码；请先阅读，再自行运行。“还原”可恢复原始代码。`,
    shareBroken: '分享链接已损坏：页面显示原始代码。',
    shareLink: '分享链接',
    linkCopied: '链接已复制到剪贴板。',
    linkReady: '链接已生成：请从输入框复制。',
    copied: '代码已复制到剪贴板。',
    copyFailed: '剪贴板拒绝了复制。',
    kernelStopped: (message) => `代码内核已停止：${message}。内核状态已丢失，下次运行会启动新的内核。`,
    invalidMessage: (reason) => `代码内核发来的消息被页面拒绝：${reason}。`,
    crashedLastTime: (cell) => `上次页面在单元“${cell}”运行时关闭，很可能是那次运行（多半是内存不足）导致崩溃。你的修改都已保留，没有自动运行任何代码。`,
    originalChanged: '在你修改之后，作者更新了这个单元。你的修改已保留。',
    showOriginal: '查看新的原始代码',
    shareTooLarge: (limit) => `这个分享链接携带的代码超过 ${Math.round(limit / 1024)} KB，页面没有加载它，显示的仍是原始代码。`,
    duration: (ms) => (ms < 1_000 ? `${Math.round(ms)} 毫秒` : ms < 60_000 ? `${(ms / 1_000).toFixed(1)} 秒` : minutes(ms, '分', '秒')),
    keys: { run: '运行', leave: '退出编辑器' },
    yourRun: '你的运行结果',
    buildRun: '构建时的结果',
    noBuildOutput: '构建时这个单元没有输出。',
    tableDiffers: (changed, total) => `${total} 个值中 ${changed} 个不同`,
    tableSame: '数值完全一致',
    buildValue: (value) => `构建结果：${value === '' ? '（空）' : value}`,
    errorLine: (line) => `错误出在第 ${line} 行`,
  },
};
