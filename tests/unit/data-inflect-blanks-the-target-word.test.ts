import { describe, expect, it } from 'vitest';
import { blankTarget, lemmaForms, wordForms } from '../../src/data/inflect.ts';

describe('regular inflections', () => {
  it('follows the spelling rules by part of speech', () => {
    expect(wordForms('try', 'v')).toEqual(['try', 'tries', 'tried', 'trying']);
    expect(wordForms('make', 'v')).toEqual(['make', 'makes', 'maked', 'making']);
    expect(wordForms('stop', 'v')).toContain('stopped');
    expect(wordForms('box', 'n')).toEqual(['box', 'boxes']);
    expect(wordForms('big', 'a')).toContain('biggest');
    expect(wordForms('quickly', 'r')).toEqual(['quickly']);
  });

  it('inflects the verb of a phrasal verb and the head of a compound noun', () => {
    expect(lemmaForms('look up', 'v')).toContain('looked up');
    expect(lemmaForms('domestic dog', 'n')).toEqual(['domestic dog', 'domestic dogs']);
  });
});

describe('blanking', () => {
  it('blanks every occurrence of any form, whole words only, in any case', () => {
    expect(blankTarget('The Dog chased the dogs past the dogma', ['dog'], 'n')).toEqual({
      text: 'The ___ chased the ___ past the dogma',
      word: 'Dog',
    });
  });

  it('prefers the longer lemma where two overlap', () => {
    expect(blankTarget('he looked up the word', ['look', 'look up'], 'v')).toEqual({ text: 'he ___ the word', word: 'looked up' });
  });

  it('gives up on irregular forms, which suffix rules cannot find', () => {
    expect(blankTarget('she ran home', ['run'], 'v')).toBeUndefined();
  });
});
