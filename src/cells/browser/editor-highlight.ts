/**
 * Syntax colours for the cell editor drawn from Starlight's "-high" palette,
 * which Starlight tunes for text contrast against its background in both light
 * and dark mode. CodeMirror's default style has fixed light-theme colours that
 * fail contrast on the dark background.
 */
import { HighlightStyle } from '@codemirror/language';
import { tags } from '@lezer/highlight';

export const cellHighlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: 'var(--sl-color-purple-high)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--sl-color-green-high)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--sl-color-orange-high)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--sl-color-gray-2)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--sl-color-blue-high)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--sl-color-accent-high)' },
  { tag: tags.invalid, color: 'var(--sl-color-red-high)' },
]);
