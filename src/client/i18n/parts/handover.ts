/**
 * Messages of the handover screens. `en` defines the keys; the Chinese catalogues are typed against
 * it, so a key missing in one language fails tsc. Merged into the catalogues in ../en.ts etc.
 */
export const handoverEn = {
  'nav.handover': 'Handover',
} as const;

export type HandoverKey = keyof typeof handoverEn;

export const handoverZhHant: Record<HandoverKey, string> = {
  'nav.handover': '交接',
};

export const handoverZhHans: Record<HandoverKey, string> = {
  'nav.handover': '交接',
};
