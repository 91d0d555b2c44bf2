/** How sure a card, a guide or a table row may sound: the weakest of its sources decides. */
export type Confidence = 'high' | 'medium' | 'low';

const WEAKEST_FIRST: readonly Confidence[] = ['low', 'medium', 'high'];

export function weakestConfidence(sources: readonly { confidence: Confidence }[]): Confidence {
  return WEAKEST_FIRST.find((level) => sources.some((source) => source.confidence === level)) ?? 'high';
}
