import { describe, expect, it } from 'vitest';
import { adapterParameterCount, bertBase, encoderParameterCount, loraParameterCount, prefixParameterCount, promptParameterCount } from '../../notebooks/peft.ts';

describe('BERT-base parameter counts', () => {
  const c = encoderParameterCount(bertBase);

  it('matches the 109,482,240 parameters of bert-base-uncased', () => {
    // Embeddings: (30522 + 512 + 2)·768 + 2·768 = 23,837,184.
    // Per layer: 4·(768² + 768) + (768·3072 + 3072) + (3072·768 + 768) + 4·768 = 7,087,872.
    // Pooler: 768² + 768 = 590,592. Total: 23,837,184 + 12·7,087,872 + 590,592 = 109,482,240.
    expect(c.embeddings).toBe(23_837_184);
    expect(c.perLayer).toBe(7_087_872);
    expect(c.total).toBe(109_482_240);
  });

  it('counts the biases BitFit trains', () => {
    // Per layer 4·768 + 3072 + 768 + 2·768 = 8,448; ×12 = 101,376; plus 768 + 768 = 102,912.
    expect(c.biases).toBe(102_912);
  });

  it('counts the PEFT methods by hand', () => {
    expect(loraParameterCount(bertBase, 8)).toBe(12 * 2 * 8 * 1536); // 294,912
    expect(adapterParameterCount(bertBase, 64)).toBe(12 * 2 * (768 * 64 + 64 + 64 * 768 + 768)); // 2,379,264
    expect(prefixParameterCount(bertBase, 20)).toBe(368_640);
    expect(promptParameterCount(bertBase, 20)).toBe(15_360);
  });
});
