import { beforeAll, describe, expect, it } from 'vitest';
import { lexnames } from '../../src/data/lexnames.ts';
import { Taxonomy } from '../../src/data/taxonomy.ts';
import { loadWordNet, parseDataLine, splitGloss, wordnetLicence, type WordNet } from '../../src/data/wordnet.ts';

let wn: WordNet;
beforeAll(() => {
  wn = loadWordNet();
});

describe('WordNet 3.1 reader', () => {
  it('reads dog.n.01 as in data.noun: lemmas, class, hypernyms, gloss', () => {
    const dog = wn.byId.get('n02086723')!;
    expect(dog.lemmas).toEqual(['dog', 'domestic dog', 'Canis familiaris']);
    expect(lexnames[dog.lexname]).toBe('noun.animal');
    const hypernyms = dog.pointers.filter((p) => p.symbol === '@').map((p) => wn.byId.get(p.target)!.lemmas[0]);
    expect(hypernyms).toEqual(['canine', 'domestic animal']);
    expect(dog.definition).toBe(
      'a member of the genus Canis (probably descended from the common wolf) that has been domesticated by man since prehistoric times; occurs in many breeds',
    );
    expect(dog.examples).toEqual(['the dog barked all night']);
  });

  it('skips verb frames and keeps instance hypernyms', () => {
    const respire = wn.byId.get('v00002325')!;
    expect(lexnames[respire.lexname]).toBe('verb.body');
    expect(respire.pointers.find((p) => p.symbol === '@')?.target).toBe('v02112831');
    expect(respire.definition.startsWith('undergo the biomedical and metabolic processes of respiration')).toBe(true);
    const instance = wn.synsets.find((s) => s.lemmas[0] === 'Einstein')!;
    expect(instance.pointers.some((p) => p.symbol === '@i' && wn.byId.get(p.target)!.lemmas.includes('physicist'))).toBe(true);
  });

  it('strips adjective position markers and files satellites under "a"', () => {
    const line = '00019769 00 s 02 handy 0 ready_to_hand(p) 0 002 & 00019169 a 0000 + 04726275 n 0101 | easy to reach; "found a handy spot for the can opener"  ';
    const handy = parseDataLine(line);
    expect(handy.id).toBe('a00019769');
    expect(handy.lemmas).toEqual(['handy', 'ready to hand']);
    expect(handy.pointers).toEqual([
      { symbol: '&', target: 'a00019169' },
      { symbol: '+', target: 'n04726275' },
    ]);
    expect(handy.examples).toEqual(['found a handy spot for the can opener']);
  });

  it('splits glosses: semicolons inside quotes, attributions, a missing semicolon', () => {
    expect(splitGloss('x; y; "a; b" - Shakespeare; "c"')).toEqual({ definition: 'x; y', examples: ['a; b', 'c'] });
    expect(splitGloss('female of domestic cattle: "`moo-cow\' is a child\'s term"')).toEqual({
      definition: 'female of domestic cattle',
      examples: ["`moo-cow' is a child's term"],
    });
  });

  it('holds every synset, and every class number names one of the 45 lexicographer files', () => {
    expect(wn.synsets.length).toBe(117791);
    expect(lexnames.length).toBe(45);
    expect(new Set(wn.synsets.map((s) => s.lexname))).toEqual(new Set(lexnames.map((_, i) => i)));
  });

  it('ships the 3.1 licence notice from the data files', () => {
    const licence = wordnetLicence();
    expect(licence.startsWith('WordNet Release 3.1\n')).toBe(true);
    expect(licence).toContain('WordNet 3.1 Copyright 2011 by Princeton University.  All rights reserved.');
    expect(licence).not.toMatch(/^\s*\d+ /m);
  });
});

describe('Wu–Palmer similarity', () => {
  it('matches the textbook value for dog and cat (6/7), is 1 for a synset with itself, and 0 across parts of speech', () => {
    const taxonomy = new Taxonomy(wn);
    // Their common hypernym carnivore sits at depth 12; each is 2 links below it.
    expect(taxonomy.wuPalmer('n02086723', 'n02124272')).toBeCloseTo(24 / 28, 10);
    expect(taxonomy.wuPalmer('n02086723', 'n02086723')).toBe(1);
    expect(taxonomy.wuPalmer('n02086723', 'v00002325')).toBe(0);
  });
});
